// Timing and heap helpers. The machine is shared and noisy, so every throughput is the best of a
// few rounds (noise only ever slows a round down) and every heap figure is taken after a full GC.

export interface Throughput {
  /** Deliveries (NDJSON lines) per second: the unit every ratio in the table uses. */
  perSec: number;
  /** Canonical events per second (a delivery asserts 1–5 events). */
  eventsPerSec: number;
  seconds: number;
  rounds: number[];
}

/** Collects garbage left by earlier steps, so that it is not charged to the next one. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  gc();
  gc();
}

export function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** The best of a run's rounds (noise only ever slows a round down), per delivery and per event. */
export function throughputOf(rounds: number[], deliveries: number, events: number): Throughput {
  const seconds = Math.min(...rounds);
  return { perSec: deliveries / seconds, eventsPerSec: events / seconds, seconds, rounds };
}

/** Seconds taken by `work`. */
export function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function timedAsync(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
