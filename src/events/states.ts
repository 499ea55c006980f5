// The state names of DESIGN §3. They are a public contract (views, `replay` output): never rename.

export const AGENT_STATES = ['loggedOut', 'idle', 'available', 'reserved', 'engaged', 'wrapup'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** The facts an agent event can assert about presence; work states come from tasks. */
export const PRESENCE_STATES = ['loggedOut', 'idle', 'available'] as const;
export type Presence = (typeof PRESENCE_STATES)[number];

export const WORK_STATES = ['reserved', 'engaged', 'wrapup'] as const;
export type Work = (typeof WORK_STATES)[number];

export const CHANNEL_STATES = [
  'loggedOut',
  'idle',
  'available',
  'reserved',
  'engaged',
  'engagedOther',
  'wrapup',
] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];

export const CHANNEL_TYPES = ['telephony', 'chat', 'email', 'social'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const TASK_STATES = [
  'new',
  'queued',
  'offered',
  'connected',
  'held',
  'consulting',
  'conferencing',
  'suspended',
  'ended',
  'wrapup',
  'closed',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const ENTITY_KINDS = ['agent', 'channel', 'task'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
