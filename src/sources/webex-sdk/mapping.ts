// What each Webex SDK event asserts: DESIGN §3, "Webex SDK (`webex-sdk`)", row by row, and every
// other name the SDK's own source emits (its TASK_EVENTS and AGENT_EVENTS, SDK_VERSION_FOLLOWED).
// A name in none of these tables is rejected: a future event is not guessed at.
import type { TaskState, Work } from '../../events/states.js';

/** The SDK source whose event names these tables cover (docs/sources.md names it too). */
export const SDK_VERSION_FOLLOWED =
  'webex/webex-js-sdk, packages/@webex/contact-center, as of its task state machine (TASK_EVENTS with task:ui-controls-updated, task:multiLoginHydrate and the campaign preview events; src/services/task/types.ts read again at commit 01000448a9c6f8e0cb0aaaffa9c4c347fc968ad4, which adds task:wxapp-mute-state-updated, and src/services/agent/types.ts at 1e394eb37a9c526e176db4cacd02f158b36ada63, which adds cc:featureEnablement to AGENT_EVENTS); its unit tests at commit 005eee27d3574ecc8fc37ca01ad1c769ae59d82d';

/** Agent events, by what they assert; the adapter builds the assertion from the payload. */
export const AGENT_EVENTS: Record<string, 'login' | 'relogin' | 'stateChange' | 'logout'> = {
  'agent:stationLoginSuccess': 'login',
  'agent:reloginSuccess': 'relogin',
  // The SDK emits agent:stateChange on every state change (its AgentStateChange data, flat) and
  // agent:stateChangeSuccess in answer to the agent's own request: both say the same presence.
  'agent:stateChange': 'stateChange',
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
  /**
   * `participants`: the event also asserts who is on the call, read from `interaction.participants`:
   * every participant whose `pType` is "Agent" takes part, or left once `hasLeft` is true.
   */
  members?: 'participants';
  /** What the row asserts instead when it comes from a consulted agent (not the task's owner). */
  fromConsulted?: TaskRow;
}

export const TASK_EVENTS: Record<string, TaskRow> = {
  'task:incoming': { task: 'offered', work: 'reserved' },
  'task:offerContact': { task: 'offered', work: 'reserved' },
  'task:offerConsult': { task: 'offered', work: 'reserved' },
  'task:assigned': { task: 'connected', work: 'engaged' },
  // Answered by the SDK itself (auto-answer, the agent's own outdial): the call is connected.
  'task:autoAnswered': { task: 'connected', work: 'engaged' },
  'task:hold': { task: 'held', work: 'engaged' },
  // task:unhold is the documented name, task:resume the one the SDK emits: the same fact.
  'task:unhold': { task: 'connected', work: 'engaged' },
  'task:resume': { task: 'connected', work: 'engaged' },
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
  // The agent left the call into post-call work while others may still be on it: the agent's
  // own wrap-up, which moves the task only when that agent was the last one on it.
  'task:postCallActivity': { task: 'wrapup', work: 'wrapup' },
  'task:wrappedup': { task: 'closed', work: 'ended' },
  // RONA: the offer goes back to the queue. The agent's own state (idle, with the RONA idle
  // code) arrives as its own agent:stateChangeSuccess, so only the work ends here.
  'task:rejected': { task: 'queued', work: 'ended', agentLeaves: true },
  // The contact was taken from the agent (a transfer went through): their part is over.
  'task:unassigned': { task: 'updated', work: 'ended', agentLeaves: true },
  'task:recordingStarted': { task: 'updated', recording: 'active' },
  'task:recordingPaused': { task: 'updated', recording: 'paused' },
  'task:recordingResumed': { task: 'updated', recording: 'active' },
  // Conferences: the state, and who is on the call from the participants. Which agent's work
  // changes is left to that agent's own events (an agent leaving a conference wraps up).
  'task:conferenceStarted': { task: 'conferencing', members: 'participants' },
  'task:conferenceEnded': { task: 'connected', members: 'participants' },
  'task:conferenceTransferred': { task: 'connected', members: 'participants' },
  'task:participantJoined': { task: 'updated', members: 'participants' },
  'task:participantLeft': { task: 'updated', members: 'participants' },
  'task:merged': { task: 'updated', members: 'participants' },
  // A campaign's preview contact is reserved for the agent, who previews it before it is dialled.
  'task:campaignPreviewReservation': { task: 'offered', work: 'reserved' },
  'task:campaignContactUpdated': { task: 'updated' },
};

/** Events that restore a task after a reload (or on another of the agent's logins): HYDRATE_STATE. */
export const HYDRATE_EVENTS: ReadonlySet<string> = new Set(['task:hydrate', 'task:multiLoginHydrate']);

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
  // The SDK's POST_CALL: the agent is off the call, in post-call work.
  post_call: { task: 'wrapup', work: 'wrapup' },
};

/** Events of the SDK that change no state, and why (answered as `ignored`). */
export const STATELESS_EVENTS: Record<string, string> = {
  'agent:multiLogin': 'reports a login elsewhere, not a state',
  'agent:dnRegistered': 'reports a registered dial number, not a state',
  'cc:featureEnablement': 'reports an AI feature switched on or off for an interaction, not a state',
  'task:media': 'carries the browser\'s media track, not a task',
  'task:ui-controls-updated': 'reports recomputed UI controls, derived from what the other task events assert',
  'task:wxapp-mute-state-updated': 'reports the Webex App\'s mute state, not a task state',
  'task:cleanup': 'is the SDK\'s own clean-up after a task\'s final state',
  'task:conferenceEstablishing': 'reports a conference being set up: task:conferenceStarted asserts it',
  'task:exitConference': 'reports a request to leave a conference: task:participantLeft asserts it',
  'task:transferConference': 'reports a conference transfer requested: task:conferenceTransferred asserts it',
  'task:switchCall': 'switches the agent\'s view between the consult and the main call: the hold events assert what changed',
  // Names of an early SDK release, still in some consumers' copies of its enum; the SDK followed
  // no longer emits them and their meaning was never documented, so nothing is guessed.
  'task:pause': 'is an early SDK release\'s name the SDK followed no longer emits: its meaning is not documented',
  'task:consult': 'is an early SDK release\'s name the SDK followed no longer emits: its meaning is not documented',
};

/**
 * `*Failed` events report a request that did not happen (DESIGN §3): answered `ignored` by their
 * name's ending, these the SDK's own (listed for the conformance table); task:consultQueueFailed
 * is a row above.
 */
export const FAILURE_EVENTS: readonly string[] = [
  'agent:stationLoginFailed',
  'agent:logoutFailed',
  'agent:stateChangeFailed',
  'task:recordingPauseFailed',
  'task:recordingResumeFailed',
  'task:outdialFailed',
  'task:conferenceFailed',
  'task:conferenceTransferFailed',
  'task:conferenceEndFailed',
  'task:participantLeftFailed',
  'task:campaignPreviewAcceptFailed',
  'task:campaignPreviewSkipFailed',
  'task:campaignPreviewRemoveFailed',
];

export const isFailure = (event: string): boolean => event.endsWith('Failed') && !(event in TASK_EVENTS);
