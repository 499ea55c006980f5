// How a generated feed arrives (DESIGN §4.2): 0–30 % of deliveries lost, each of the others late
// by up to the horizon of event time (exactly the horizon included), and copies of any of them
// arriving anywhere — before the original too. Within the horizon, the engine must place every
// one exactly: no delivery arrives after one more than a horizon newer.
import fc from 'fast-check';
import type { TimedDelivery } from '../../examples/disorder.js';

export interface Arrivals<D extends TimedDelivery> {
  /** What was not lost, in event-time order: what in-order delivery would have sent. */
  delivered: D[];
  /** The same deliveries, some twice, in the order they arrive. */
  arrivals: D[];
}

/** Up to this share of a feed's deliveries is lost. */
const MAX_LOSS_PERCENT = 30;

export const arrivalsWithinHorizon = <D extends TimedDelivery>(feed: readonly D[], horizonMs: number): fc.Arbitrary<Arrivals<D>> => {
  // The bounds are drawn often: they are where off-by-one mistakes live.
  const delay = fc.oneof(fc.constant(0), fc.constant(horizonMs), fc.integer({ min: 0, max: horizonMs }));
  return fc
    .record({
      lossPercent: fc.integer({ min: 0, max: MAX_LOSS_PERCENT }),
      rolls: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: feed.length, maxLength: feed.length }),
      delays: fc.array(delay, { minLength: feed.length, maxLength: feed.length }),
      copies: fc.array(fc.record({ index: fc.nat(Math.max(0, feed.length - 1)), delay }), { maxLength: Math.ceil(feed.length / 3) }),
    })
    .map(({ lossPercent, rolls, delays, copies }) => {
      const kept = feed.map((_delivery, index) => rolls[index]! >= lossPercent);
      const arrivals: { at: number; delay: number; order: number; delivery: D }[] = [];
      const arrive = (index: number, delay: number, order: number) => arrivals.push({ at: feed[index]!.time + delay, delay, order, delivery: feed[index]! });
      feed.forEach((_delivery, index) => kept[index] && arrive(index, delays[index]!, index));
      copies.forEach(({ index, delay: late }, copy) => kept[index] && arrive(index, late, feed.length + copy));
      // At one arrival instant the later events come first, so a delay of exactly the horizon
      // arrives behind an event exactly one horizon newer.
      arrivals.sort((a, b) => a.at - b.at || a.delay - b.delay || a.order - b.order);
      return { delivered: inTimeOrder(feed.filter((_delivery, index) => kept[index])), arrivals: arrivals.map((arrival) => arrival.delivery) };
    });
};

/** A feed in event-time order, stable for equal times. */
export const inTimeOrder = <D extends TimedDelivery>(feed: readonly D[]): D[] =>
  feed
    .map((delivery, index) => ({ delivery, index }))
    .sort((a, b) => a.delivery.time - b.delivery.time || a.index - b.index)
    .map(({ delivery }) => delivery);

/**
 * Copies of deliveries that already arrived, arriving again at any later point, however late:
 * a vendor retrying for hours, after the first copy was compacted.
 */
export const withRedeliveries = <D>(arrivals: readonly D[]): fc.Arbitrary<D[]> =>
  fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }).map((copies) => {
    const result = [...arrivals];
    for (const [pick, later] of copies) {
      if (result.length === 0) break;
      const original = pick % result.length;
      result.splice(original + 1 + (later % (result.length - original)), 0, result[original]!);
    }
    return result;
  });
