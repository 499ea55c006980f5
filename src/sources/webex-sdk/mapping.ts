// What each Webex SDK event asserts: DESIGN §3, "Webex SDK (`webex-sdk`)", row by row.
import type { TaskState, Work } from '../../events/states.js';

/** Agent events, by what they assert; the adapter builds the assertion from the payload. */
export const AGENT_EVENTS: Record<string, 'login' | 'relogin' | 'stateChange' | 'logout'> = {
  'agent:stationLoginSuccess': 'login',
  'agent:reloginSuccess': 'relogin',
  'agent:stateChangeSuccess': 'stateChange',
  'agent:logoutSuccess': 'logout',
};

/**
 * What a task event asserts about the agent it names (its `agentId`):
 * a work state, `ended` (the work is over), or `wrapupIfRequired` (task:end: wrap-up when the
 * payload's `wrapupRequired` says so, else the work is over).
 */
export type AgentWork = Work | 'ended' | 'wrapupIfRequired';

export interface TaskRow {
  /** The task state asserted, or `updated` for attributes only. */
  task: TaskState | 'updated';
  /** Absent: the event says nothing about the agent (recording, media changes). */
  work?: AgentWork;
  /** RONA: the agent leaves the task's agents; every other row with `work` joins them. */
  agentLeaves?: true;
  recording?: 'paused' | 'active';
  /** What the row asserts instead when it comes from a consulted agent (not the task's owner). */
  fromConsulted?: TaskRow;
}

export const TASK_EVENTS: Record<string, TaskRow> = {
  'task:incoming': { task: 'offered', work: 'reserved' },
  'task:offerContact': { task: 'offered', work: 'reserved' },
  'task:offerConsult': { task: 'offered', work: 'reserved' },
  'task:assigned': { task: 'connected', work: 'engaged' },
  'task:hold': { task: 'held', work: 'engaged' },
  'task:unhold': { task: 'connected', work: 'engaged' },
  'task:consultCreated': { task: 'consulting', work: 'engaged' },
  'task:consulting': { task: 'consulting', work: 'engaged' },
  'task:consultAccepted': { task: 'consulting', work: 'engaged' },
  // The consult is over; the customer is still on hold until the agent resumes. Seen from the
  // consulted agent (`interaction.owner` names someone else), that agent's part is over: without
  // leaving, it would stay a working participant and hold the task out of wrap-up.
  'task:consultEnd': { task: 'held', work: 'engaged', fromConsulted: { task: 'held', work: 'ended', agentLeaves: true } },
  'task:consultQueueCancelled': { task: 'held', work: 'engaged' },
  'task:consultQueueFailed': { task: 'held', work: 'engaged' },
  'task:end': { task: 'ended', work: 'wrapupIfRequired' },
  'task:wrapup': { task: 'wrapup', work: 'wrapup' },
  'task:wrappedup': { task: 'closed', work: 'ended' },
  // RONA: the offer goes back to the queue. The agent's own state (idle, with the RONA idle
  // code) arrives as its own agent:stateChangeSuccess, so only the work ends here.
  'task:rejected': { task: 'queued', work: 'ended', agentLeaves: true },
  'task:recordingPaused': { task: 'updated', recording: 'paused' },
  'task:recordingResumed': { task: 'updated', recording: 'active' },
  'task:media': { task: 'updated' },
};

/**
 * `task:hydrate` restores a task after a reload: it asserts the state its payload carries.
 * Seed 000's Task Payload has `state` ("connected", "consulted", "new"…); the SDK itself reads
 * `interaction.state`, so the rule is: `state`, else `interaction.state`, lower-cased, looked up
 * here. The spellings are the seed's and the SDK's own (its effectiveVoiceTaskState reads
 * new/reserved/offered, connected, hold, consulting, conference, wrap-up/wrapup/wrapping_up).
 * An unknown state is rejected rather than guessed.
 */
export const HYDRATE_STATE: Record<string, { task: TaskState; work: Work }> = {
  new: { task: 'offered', work: 'reserved' },
  reserved: { task: 'offered', work: 'reserved' },
  offered: { task: 'offered', work: 'reserved' },
  connected: { task: 'connected', work: 'engaged' },
  hold: { task: 'held', work: 'engaged' },
  held: { task: 'held', work: 'engaged' },
  consult: { task: 'consulting', work: 'engaged' },
  consulting: { task: 'consulting', work: 'engaged' },
  consulted: { task: 'consulting', work: 'engaged' },
  conference: { task: 'conferencing', work: 'engaged' },
  conferencing: { task: 'conferencing', work: 'engaged' },
  wrapup: { task: 'wrapup', work: 'wrapup' },
  'wrap-up': { task: 'wrapup', work: 'wrapup' },
  wrapping_up: { task: 'wrapup', work: 'wrapup' },
};

/** Documented events that change no state, and why (answered as `ignored`). */
export const STATELESS_EVENTS: Record<string, string> = {
  'agent:multiLogin': 'reports a login elsewhere, not a state',
  'agent:dnRegistered': 'reports a registered dial number, not a state',
};

/** `*Failed` events report a request that did not happen (DESIGN §3); task:consultQueueFailed is a row above. */
export const isFailure = (event: string): boolean => event.endsWith('Failed') && !(event in TASK_EVENTS);
