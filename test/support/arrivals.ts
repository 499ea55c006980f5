// Arbitrary arrival orders of a feed that respect the ordering contract (DESIGN §4.2): each
// delivery arrives up to `horizonMs` of event time late, and any delivery may arrive twice.
// If every delay is within the horizon, no delivery arrives after one more than a horizon newer.
import fc from 'fast-check';
import type { TimedDelivery } from '../../examples/disorder.js';

export const arrivalsWithinHorizon = (feed: TimedDelivery[], horizonMs: number): fc.Arbitrary<TimedDelivery[]> => {
  const delay = fc.integer({ min: 0, max: horizonMs });
  return fc
    .record({
      delays: fc.array(delay, { minLength: feed.length, maxLength: feed.length }),
      duplicates: fc.array(fc.record({ index: fc.nat(Math.max(0, feed.length - 1)), delay }), { maxLength: Math.ceil(feed.length / 4) }),
    })
    .map(({ delays, duplicates }) => {
      const arrivals = feed.map((delivery, index) => ({ at: delivery.time + delays[index]!, order: index, delivery }));
      duplicates.forEach(({ index, delay: late }, copy) => {
        const delivery = feed[index];
        if (delivery) arrivals.push({ at: delivery.time + late, order: feed.length + copy, delivery });
      });
      return arrivals.sort((a, b) => a.at - b.at || a.order - b.order).map((arrival) => arrival.delivery);
    });
};

/** A generated feed in event-time order (stable for equal times), less the deliveries lost (by index). */
export function deliveredInTimeOrder(feed: readonly TimedDelivery[], lost: readonly number[]): TimedDelivery[] {
  const lostIndexes = new Set(lost);
  return feed
    .map((delivery, index) => ({ delivery, index }))
    .sort((a, b) => a.delivery.time - b.delivery.time || a.index - b.index)
    .filter(({ index }) => !lostIndexes.has(index))
    .map(({ delivery }) => delivery);
}
