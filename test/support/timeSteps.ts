// Time in generated feeds: steps of 0–3 units, half of them 0 so that same-instant ties (across
// event types too) are common, and a unit from one millisecond to one hour, so that a feed spans
// from a fraction of a second to days of event time (many compaction sweeps, dedupe ids expired).
import fc from 'fast-check';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Milliseconds per unit, by default from 1 ms to an hour. */
export const timeUnit = (units: readonly number[] = [1, 1, 1_000, MINUTE, HOUR]): fc.Arbitrary<number> => fc.constantFrom(...units);

/** Steps between a lifecycle's consecutive events, in units, cycled. */
export const tieSteps: fc.Arbitrary<number[]> = fc.array(
  fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
  { minLength: 1, maxLength: 8 },
);
