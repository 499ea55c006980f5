// The benchmark workload: a deterministic Webex contact center (examples/webex's simulator),
// in order and disordered, plus its canonical events (made by the Webex adapter, so the ceiling
// folds exactly what the engine folds).
//
// Sizing. The issue asks for 1 M events, 10 k tasks and 2 k agents; with realistic lifecycles a
// task yields ~16 deliveries, so 10 k tasks are ~165 k deliveries. We keep the lifecycles and the
// 2 k agents and reach 1 M deliveries (one NDJSON line each) honestly, with more tasks over a
// longer period: ~61 k tasks over 4 hours (~55% agent occupancy). `--quick` is the same shape, smaller.
import { writeFileSync } from 'node:fs';
import { disorder, type TimedDelivery } from '../../examples/disorder.js';
import { seededRandom } from '../../examples/random.js';
import { simulateContactCenter } from '../../examples/webex/simulateContactCenter.js';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { webexAdapter } from '../../src/sources/webex/adapter.js';

export interface WorkloadSize {
  agents: number;
  tasks: number;
  durationMs: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

export const FULL: WorkloadSize = { agents: 2_000, tasks: 61_000, durationMs: 4 * HOUR };
export const QUICK: WorkloadSize = { agents: 60, tasks: 700, durationMs: 1.6 * HOUR };

/** Displacement and duplication of the disorder run (DESIGN §4.2: displacement within the horizon). */
export const DISORDER = { displaced: 0.1, duplicated: 0.05, maxDelayMs: 5 * MINUTE };
/** The engine's default horizon, which the disorder stays inside. */
export const HORIZON_MS = 15 * MINUTE;

const SEED = 5;

export interface Workload {
  size: WorkloadSize;
  /** Deliveries in event-time order, one webhook body (an NDJSON line) each. */
  inOrder: TimedDelivery[];
  /** The same deliveries, 10% displaced by up to 5 min of event time and 5% sent twice. */
  disordered: TimedDelivery[];
}

export function buildWorkload(size: WorkloadSize): Workload {
  const inOrder = simulateContactCenter({ ...size, seed: SEED });
  const disordered = disorder(inOrder, seededRandom(SEED + 1), DISORDER);
  return { size, inOrder, disordered };
}

/** The canonical events of a feed, made outside any timed loop (the ceiling's input). */
export function canonicalEventsOf(feed: readonly TimedDelivery[]): CanonicalEvent[] {
  const events: CanonicalEvent[] = [];
  for (const delivery of feed) {
    const result = webexAdapter.toEvents({ body: JSON.parse(delivery.line), headers: {} });
    if (result.kind !== 'events') throw new Error(`workload: the Webex adapter did not map ${delivery.line}: ${JSON.stringify(result)}`);
    for (const event of result.events) events.push(event);
    eventCounts.set(delivery, result.events.length);
  }
  return events;
}

/** Events per delivery, remembered by `canonicalEventsOf` (the disordered feed reuses its deliveries). */
const eventCounts = new WeakMap<TimedDelivery, number>();

/** How many canonical events a feed of already-mapped deliveries asserts. */
export function countEvents(feed: readonly TimedDelivery[]): number {
  let count = 0;
  for (const delivery of feed) {
    const events = eventCounts.get(delivery);
    if (events === undefined) throw new Error('countEvents: a delivery that canonicalEventsOf has not seen');
    count += events;
  }
  return count;
}

/** Writes the feed as NDJSON for the whole-process replay. */
export function writeNdjson(feed: readonly TimedDelivery[], path: string): void {
  writeFileSync(path, `${feed.map((delivery) => delivery.line).join('\n')}\n`);
}

/** Distinct agents and tasks a feed names (for the table's description of the workload). */
export function countEntities(events: readonly CanonicalEvent[]): Record<CanonicalEvent['entity']['kind'], number> {
  const seen = { agent: new Set<string>(), channel: new Set<string>(), task: new Set<string>() };
  for (const { entity } of events) seen[entity.kind].add(entity.id);
  return { agent: seen.agent.size, channel: seen.channel.size, task: seen.task.size };
}
