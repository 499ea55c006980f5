// What each Vonage webhook asserts: DESIGN §3, "Vonage (`vonage`)", row by row.
// One task per interaction; each party (agent, customer) has its own channel in it, and the
// same event type means different things depending on whose channel it is.
import type { TaskAssertion } from '../../events/canonical.js';
import type { Presence, Work } from '../../events/states.js';
import type { VonageChannelEvent, VonagePresenceCategory } from './schema.js';

export interface AgentPartyRow {
  /** What the event asserts about the interaction's task. */
  task: TaskAssertion['type'];
  /** The agent's work on the interaction from this event on; 'ended' returns them to their presence. */
  work?: Work | 'ended';
  /**
   * 'joined': the event reports the agent's own participation (`agentJoined`), which the task
   * machine keys wrap-up and close by, so one agent's end does not close a conference another
   * agent is still on. 'left': the agent no longer takes part (`agentLeft`).
   */
  membership?: 'joined' | 'left';
}

/**
 * The agent party's channel. Every event re-asserts the agent's work and participation, so a
 * lost `alerted` or `connected` heals on the next event.
 * A suspended (interrupted or parked) interaction stays the agent's work: they still own it
 * and must resume it, so it keeps them `engaged` rather than freeing them.
 */
export const AGENT_PARTY: Record<VonageChannelEvent, AgentPartyRow> = {
  alerted: { task: 'task.offered', work: 'reserved', membership: 'joined' },
  connected: { task: 'task.connected', work: 'engaged', membership: 'joined' },
  // The offer failed (rejected, not answered, device busy): the interaction waits for another agent.
  connectionfailed: { task: 'task.queued', work: 'ended', membership: 'left' },
  // The agent hung up: `wrapstarted` (or `ended`) follows at the same moment and says what happens.
  disconnected: { task: 'task.updated' },
  // The agent's channel is over (wrap done): the task closes once no other agent is on it.
  ended: { task: 'task.closed', work: 'ended', membership: 'joined' },
  held: { task: 'task.held', work: 'engaged', membership: 'joined' },
  interrupted: { task: 'task.suspended', work: 'engaged', membership: 'joined' },
  parked: { task: 'task.suspended', work: 'engaged', membership: 'joined' },
  resumed: { task: 'task.connected', work: 'engaged', membership: 'joined' },
  retrieved: { task: 'task.connected', work: 'engaged', membership: 'joined' },
  unparked: { task: 'task.connected', work: 'engaged', membership: 'joined' },
  wrapstarted: { task: 'task.wrapup', work: 'wrapup', membership: 'joined' },
};

/**
 * The customer party's channel. Its hanging up ends the interaction. Hold, park and interrupt
 * happen to the customer's channel too (the seed: "for both the agent and customer channels"),
 * and say the same about the task. Its alerting and connecting do not: an inbound call alerts
 * and connects the customer before any agent is involved.
 */
export const CUSTOMER_PARTY: Record<VonageChannelEvent, TaskAssertion['type']> = {
  alerted: 'task.updated',
  connected: 'task.updated',
  connectionfailed: 'task.updated',
  disconnected: 'task.ended',
  ended: 'task.ended',
  held: 'task.held',
  interrupted: 'task.suspended',
  parked: 'task.suspended',
  resumed: 'task.connected',
  retrieved: 'task.connected',
  unparked: 'task.connected',
  wrapstarted: 'task.updated',
};

/**
 * Roles read as the customer. The docs' examples only show `agent`; their prose calls the other
 * side "customer" and "contact". Any other role (a third party, an external transfer target) is
 * recorded on the task without changing its state: its leaving does not end the interaction.
 */
export const CUSTOMER_ROLES: ReadonlySet<string> = new Set(['customer', 'contact']);

/** `agent.presencechanged` category → presence; away categories carry the description as idle code. */
export const PRESENCE: Record<VonagePresenceCategory, Presence> = {
  ready: 'available',
  away: 'idle',
  extendedaway: 'idle',
  loggedout: 'loggedOut',
};
