// The ledger's fold order: (eventTime, lifecycleRank(type), eventId), DESIGN §4.
import type { CanonicalEvent } from '../events/canonical.js';
import { lifecycleRank } from './lifecycleRank.js';

export interface EventKey {
  time: number;
  rank: number;
  id: string;
}

export const keyOf = (event: CanonicalEvent): EventKey => ({ time: event.time, rank: lifecycleRank(event), id: event.id });

/** Negative when `a` folds before `b`. Keys are unique per entity: the id breaks the last tie. */
export function compareKeys(a: EventKey, b: EventKey): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.rank !== b.rank) return a.rank - b.rank;
  // Stryker disable next-line EqualityOperator: equivalent, a key compared with itself (test/README.md)
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
