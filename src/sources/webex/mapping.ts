// What each Webex webhook asserts: DESIGN §3, "Webex webhooks (`webex`)", row by row.
import type { AgentAssertion, TaskAssertion } from '../../events/canonical.js';
import type { ChannelState, TaskState } from '../../events/states.js';
import type { WebexAgentState, WebexChannelState } from './schema.js';

/** `agent:state_change` → what it asserts about the agent (and, with a `taskId`, about the task). */
export const AGENT_STATE_CHANGE: Record<
  WebexAgentState,
  { agent: (taskId: string) => AgentAssertion; task?: TaskState; agentLeavesTask?: true }
> = {
  idle: { agent: () => ({ type: 'agent.presence', presence: 'idle', endsWork: true }) },
  available: { agent: () => ({ type: 'agent.presence', presence: 'available', endsWork: true }) },
  ringing: { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'reserved' }), task: 'offered' },
  // RONA: the agent did not answer, goes idle, and the task goes back to the queue.
  'not-responding': {
    agent: (taskId) => ({ type: 'agent.workEnded', taskId, presence: 'idle' }),
    task: 'queued',
    agentLeavesTask: true,
  },
  connected: { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'engaged' }), task: 'connected' },
  'on-hold': { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'engaged' }), task: 'held' },
  'hold-done': { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'engaged' }), task: 'connected' },
  consulting: { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'engaged' }), task: 'consulting' },
  conferencing: { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'engaged' }), task: 'conferencing' },
  'consult-done': { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'engaged' }), task: 'held' },
  wrapup: { agent: (taskId) => ({ type: 'agent.work', taskId, work: 'wrapup' }), task: 'wrapup' },
  'wrapup-done': {
    agent: (taskId) => ({ type: 'agent.workEnded', taskId, presence: 'available' }),
    task: 'closed',
  },
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
