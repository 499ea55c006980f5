// What each Telax event asserts: DESIGN §3, "Telax (`telax`)", row by row.
import type { Presence, Work } from '../../events/states.js';

export const AGENT_CATEGORY = 1;

/** Categories that carry no agent state; accepted and ignored. The doc's two tables disagree on 4. */
export const OTHER_CATEGORIES: Record<number, string> = {
  2: 'IVR',
  3: 'Email',
  4: 'Voice (Chat in the doc\'s other table)',
};

/** Category 1 codes (Agent Events page). The doc's enum has no 7. */
export const AGENT_CODES: Record<number, { name: string; asserts: 'loggedIn' | 'loggedOut' | 'presence' | Work | 'workEnded' }> = {
  1: { name: 'SignedIn', asserts: 'loggedIn' },
  2: { name: 'SignedOut', asserts: 'loggedOut' },
  3: { name: 'StatusChanged', asserts: 'presence' },
  4: { name: 'ReceivingWorkItem', asserts: 'reserved' },
  5: { name: 'AcceptedWorkItem', asserts: 'engaged' },
  // Declined or released: the work is over and the agent returns to the presence last asserted.
  6: { name: 'DeclinedWorkItem', asserts: 'workEnded' },
  8: { name: 'ReleasedWorkItem', asserts: 'workEnded' },
};

/** A signed-in agent starts idle until a StatusChanged says otherwise. */
export const SIGNED_IN_PRESENCE = 'idle' satisfies Presence;

export type LoggedInPresence = Exclude<Presence, 'loggedOut'>;

/**
 * StatusChanged's `AvailabilityCode` → presence, configurable (`createTelaxAdapter({ availability })`)
 * for a tenant whose codes mean something else.
 */
export interface AvailabilityMap {
  codes: Readonly<Record<number, LoggedInPresence>>;
  /** The presence of a code not in `codes`. */
  otherwise: LoggedInPresence;
}

/**
 * The default follows Telax's published values: 0 not ready, 1 available, 2 accepts internal
 * calls only — not routable by the contact center's queues, so idle. Any other code is idle
 * too: an agent is only shown as routable when the code says so, never by guesswork.
 */
export const DEFAULT_AVAILABILITY: AvailabilityMap = { codes: { 0: 'idle', 1: 'available', 2: 'idle' }, otherwise: 'idle' };

export const presenceOf = (availability: AvailabilityMap, code: number): LoggedInPresence =>
  Object.hasOwn(availability.codes, code) ? (availability.codes[code] ?? availability.otherwise) : availability.otherwise;
