// Memory: heap deltas after a full GC, around engines fed parts of the workload.
// - per live entity: an engine whose horizon keeps everything (every entity has its ledger, with a
//   waypoint every few events), divided by the entities it holds;
// - per closed task kept for retention: one engine, a quiet hour after its last task closed (each
//   task compacted into a base snapshot plus its event ids in the dedupe window), against the same
//   engine once retention let those tasks go. What the difference counts is what the tasks held
//   and only they (the ids of agent events they caused included): letting go only frees, so it
//   cannot go negative the way a difference between two engines of different sizes could.
import type { TimedDelivery } from '../../examples/disorder.js';
import { simulateContactCenter } from '../../examples/webex/simulateContactCenter.js';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine, type EngineOptions } from '../../src/index.js';
import { heapUsed } from '../support/measure.js';
import type { WorkloadSize } from '../support/workload.js';

export interface MemoryResult {
  bytesPerLiveEntity: number;
  liveEventsPerEntity: number;
  bytesPerLiveEvent: number;
  bytesPerClosedTask: number;
  tasksMeasured: number;
}

const HOUR = 3_600_000;

export function measureMemory(size: WorkloadSize, tasks: number): MemoryResult {
  const live = liveEntities(feedOf(size, tasks));
  const closed = closedTasksHeap(feedOf(size, tasks));
  return { ...live, bytesPerClosedTask: closed.bytes / closed.tasks, tasksMeasured: closed.tasks };
}

/** A feed with `tasks` tasks, as busy per agent as the workload (duration scales with tasks). */
function feedOf(size: WorkloadSize, tasks: number): TimedDelivery[] {
  return simulateContactCenter({ agents: size.agents, tasks, durationMs: Math.round((size.durationMs * tasks) / size.tasks), seed: 11 });
}

function liveEntities(feed: TimedDelivery[]): Pick<MemoryResult, 'bytesPerLiveEntity' | 'liveEventsPerEntity' | 'bytesPerLiveEvent'> {
  const before = heapUsed();
  const engine = ingest(feed, { horizonMs: 1_000 * HOUR });
  const bytes = heapUsed() - before;
  const stats = engine.stats();
  const entities = engine.snapshot().ledgers.length;
  const events = stats.outcomes.applied + stats.outcomes.reordered;
  keepAlive(engine, feed);
  return { bytesPerLiveEntity: bytes / entities, liveEventsPerEntity: events / entities, bytesPerLiveEvent: bytes / events };
}

/**
 * The heap the feed's closed tasks hold while retention keeps them (the default: the 24 h dedupe
 * window), and how many they are (the tasks retention let go; a task the feed leaves open stays).
 */
function closedTasksHeap(feed: TimedDelivery[]): { bytes: number; tasks: number } {
  const engine = ingest(feed, {});
  const end = feed.at(-1)!.time;
  // A quiet hour later every task has been swept into its base; a day later retention lets it go.
  tick(engine, end + HOUR, 'tick-1');
  const kept = heapUsed();
  const tasksKept = engine.stats().tasks;
  tick(engine, end + 25 * HOUR, 'tick-2');
  tick(engine, end + 26 * HOUR, 'tick-3');
  const gone = heapUsed();
  const tasks = tasksKept - engine.stats().tasks;
  if (tasks === 0) throw new Error('memory: retention let no task go');
  keepAlive(engine, feed);
  return { bytes: kept - gone, tasks };
}

function ingest(feed: readonly TimedDelivery[], options: EngineOptions): Engine {
  const engine = createEngine(options);
  for (const { line } of feed) engine.ingest({ source: 'webex', body: line });
  return engine;
}

/**
 * Moves the engine's clock to `time`: two events of an agent outside the workload. A source's clock
 * takes a step of more than the future skew only once the next delivery confirms it (DESIGN §4.8),
 * so one event alone would leave it where it was, and nothing would be compacted or let go.
 */
function tick(engine: Engine, time: number, id: string): void {
  for (const confirm of ['', '-confirmed']) {
    engine.ingest({ source: 'webex', body: JSON.stringify(webhook.agentStateChange(`${id}${confirm}`, time, 'clock-agent', 'available')) });
  }
}

/** Keeps what was measured reachable until after the heap was read. */
// biome-ignore lint/correctness/noUnusedVariables: written, never read: it only holds the values
let sink: unknown;
function keepAlive(...values: unknown[]): void {
  sink = values;
  sink = undefined;
}
