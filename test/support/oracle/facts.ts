// What a generated delivery means, in the oracle's own words: the facts its generator meant it
// to assert, written from DESIGN §3's tables apart from the adapters and machines. The oracle
// (expectedStates.ts) folds them into the states the engine must end in.
import type { TimedDelivery } from '../../../examples/disorder.js';
import type { ChannelState, ChannelType, TaskState } from '../../../src/events/states.js';

export type LoggedIn = 'idle' | 'available';
export type WorkOnTask = 'reserved' | 'engaged' | 'wrapup';

export type Fact =
  | { what: 'signedIn'; agent: string; presence: LoggedIn }
  | { what: 'signedOut'; agent: string }
  /** `endsWork`: the source's agent events carry the whole state (Webex), so the agent has no work left. */
  | { what: 'presence'; agent: string; presence: LoggedIn; endsWork: boolean }
  | { what: 'work'; agent: string; task: string; work: WorkOnTask }
  /** The agent's work on the task is over; `presence` where the source says where the agent goes. */
  | { what: 'workDone'; agent: string; task: string; presence?: LoggedIn }
  | { what: 'channel'; agent: string; channel: ChannelType; state: ChannelState }
  /**
   * `state` null: attributes only. `agent` takes part in the task from now on, or `leaves` it.
   * `unlessTransferPending`: an agent left, which ends the task unless it waits in the queue.
   */
  | { what: 'task'; task: string; state: TaskState | null; agent?: string; leaves?: true; unlessTransferPending?: true };

export interface PlannedDelivery extends TimedDelivery {
  /** The event id (the vendor's, or derived from the content as DESIGN §2 says): the key's last tie-break. */
  eventId?: string;
  facts: Fact[];
}
