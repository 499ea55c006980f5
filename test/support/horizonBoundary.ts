// The horizon's boundary, to the millisecond (DESIGN §4.4): an event whose entity's next event
// is exactly one horizon older than the newest event of its source is still placed exactly; one
// step later, that next event has been compacted and the held-back event is late.
import type { PlannedDelivery } from './oracle/facts.js';
import { entityOf } from './oracle/expectedStates.js';

export interface BoundaryCase {
  /** Deliveries in event-time order up to `watermark`, all but the held-back one. */
  before: PlannedDelivery[];
  held: PlannedDelivery;
  /** The time of the held-back event's entity's next event (the earliest, over its entities). */
  watermark: number;
}

/**
 * Holds back the `pick`-th delivery that asserts something (of a feed in event-time order), or
 * finds no case: when none of its entities has a later event, or one has another event of the
 * same instant (an instant folds as a whole, DESIGN §4.7: compacting part of it would leave the
 * held-back event nowhere exact to go, however its key compares with the base's).
 */
export function boundaryCase(feed: readonly PlannedDelivery[], pick: number): BoundaryCase | undefined {
  const asserting = feed.filter((delivery) => delivery.facts.length > 0);
  if (asserting.length === 0) return undefined;
  const held = asserting[pick % asserting.length]!;
  let watermark = Number.POSITIVE_INFINITY;
  for (const fact of held.facts) {
    const entity = entityOf(fact);
    for (const other of feed) {
      if (other === held) continue;
      for (const sibling of other.facts) {
        if (entityOf(sibling) !== entity) continue;
        if (other.time === held.time) return undefined;
        if (other.time > held.time) watermark = Math.min(watermark, other.time);
      }
    }
  }
  if (watermark === Number.POSITIVE_INFINITY) return undefined;
  return { before: feed.filter((delivery) => delivery !== held && delivery.time <= watermark), held, watermark };
}
