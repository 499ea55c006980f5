// What each Webex webhook asserts: DESIGN §3, "Webex webhooks (`webex`)", row by row.
import type { AgentAssertion, AgentAttributes, IdleCode, TaskAssertion } from '../../events/canonical.js';
import type { ChannelState, TaskState, Work } from '../../events/states.js';
import type { WebexAgentState, WebexChannelState } from './schema.js';

/** What an `agent:state_change` carries besides its state, asserted with it about the agent. */
interface AgentDetails {
  idleCode: IdleCode | undefined;
  attributes: AgentAttributes;
}

type AgentRow = (taskId: string, details: AgentDetails) => AgentAssertion;

// One object literal per kind of assertion: the same shape every time, which V8 builds fastest.
const presence =
  (presence: 'idle' | 'available'): AgentRow =>
  (_taskId, { idleCode, attributes }) => ({ type: 'agent.presence', presence, endsWork: true, idleCode, attributes });
const work =
  (work: Work): AgentRow =>
  (taskId, { idleCode, attributes }) => ({ type: 'agent.work', taskId, work, idleCode, attributes });
const workEnded =
  (presence: 'idle' | 'available'): AgentRow =>
  (taskId, { idleCode, attributes }) => ({ type: 'agent.workEnded', taskId, presence, idleCode, attributes });

/** `agent:state_change` → what it asserts about the agent (and, with a `taskId`, about the task). */
export const AGENT_STATE_CHANGE: Record<WebexAgentState, { agent: AgentRow; task?: TaskState; agentLeavesTask?: true }> = {
  idle: { agent: presence('idle') },
  available: { agent: presence('available') },
  ringing: { agent: work('reserved'), task: 'offered' },
  // RONA: the agent did not answer, goes idle, and the task goes back to the queue.
  'not-responding': { agent: workEnded('idle'), task: 'queued', agentLeavesTask: true },
  connected: { agent: work('engaged'), task: 'connected' },
  'on-hold': { agent: work('engaged'), task: 'held' },
  'hold-done': { agent: work('engaged'), task: 'connected' },
  consulting: { agent: work('engaged'), task: 'consulting' },
  conferencing: { agent: work('engaged'), task: 'conferencing' },
  'consult-done': { agent: work('engaged'), task: 'held' },
  wrapup: { agent: work('wrapup'), task: 'wrapup' },
  'wrapup-done': { agent: workEnded('available'), task: 'closed' },
};

export const CHANNEL_STATE: Record<WebexChannelState, ChannelState> = {
  available: 'available',
  idle: 'idle',
  engaged: 'engaged',
  engagedother: 'engagedOther',
  wrapup: 'wrapup',
  reserved: 'reserved',
  loggedout: 'loggedOut',
};

/** `task:*` and `capture:available` → the task assertion type. */
export const TASK_EVENT: Record<string, TaskAssertion['type']> = {
  'task:new': 'task.new',
  'task:parked': 'task.queued',
  'task:connect': 'task.offered',
  'task:connected': 'task.connected',
  'task:on-hold': 'task.held',
  'task:hold-done': 'task.connected',
  'task:consulting': 'task.consulting',
  'task:consult-done': 'task.held',
  'task:conferencing': 'task.conferencing',
  'task:conference-done': 'task.connected',
  'task:conference-transferred': 'task.connected',
  'task:ended': 'task.ended',
  'task:failed': 'task.ended',
  'task:origin-updated': 'task.updated',
  'capture:available': 'task.updated',
};

/** Documented types that carry no state (BYOC messaging), answered as `ignored`. */
export const STATELESS_TYPES: ReadonlySet<string> = new Set([
  'task-message:appended',
  'task-message:append-failed',
]);
