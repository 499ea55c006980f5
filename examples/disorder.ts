// Makes an in-order feed look like a real webhook feed: deliveries displaced in time (late by up
// to `maxDelayMs` of event time, so within the engine's horizon) and some delivered twice.
import type { Random } from './random.js';

export interface TimedDelivery {
  /** Event time of the delivery (ms). */
  time: number;
  line: string;
}

export interface DisorderOptions {
  /** Share of deliveries that arrive late (0..1). */
  displaced: number;
  /** How late a displaced delivery arrives, at most, in event time. */
  maxDelayMs: number;
  /** Share of deliveries sent twice (0..1); the copy arrives up to `maxDelayMs` later. */
  duplicated: number;
}

export function disorder(feed: readonly TimedDelivery[], random: Random, options: DisorderOptions): TimedDelivery[] {
  const arrivals: { arrival: number; order: number; delivery: TimedDelivery }[] = [];
  feed.forEach((delivery, order) => {
    const delay = random.chance(options.displaced) ? random.int(1, options.maxDelayMs) : 0;
    arrivals.push({ arrival: delivery.time + delay, order, delivery });
    if (random.chance(options.duplicated)) {
      arrivals.push({ arrival: delivery.time + random.int(0, options.maxDelayMs), order, delivery });
    }
  });
  arrivals.sort((a, b) => a.arrival - b.arrival || a.order - b.order);
  return arrivals.map((entry) => entry.delivery);
}
