// Memory: heap deltas after a full GC, around engines fed parts of the workload.
// - per live entity: an engine whose horizon keeps everything (every entity has its actor and a
//   checkpoint per event), divided by the entities it holds;
// - per closed, compacted task: the marginal heap of T more tasks, after the clock has moved a
//   horizon past them so each is a base snapshot plus its event ids in the 24 h dedupe window.
//   Both engines have the same agents, so what grows is what the tasks leave behind (including
//   the ids of agent events they caused). After the dedupe window the ids go too: also reported.
import type { TimedDelivery } from '../examples/disorder.js';
import { simulateContactCenter } from '../examples/webex/simulateContactCenter.js';
import * as webhook from '../examples/webex/webhooks.js';
import { createEngine, type Engine, type EngineOptions } from '../src/index.js';
import { heapUsed } from './measure.js';
import type { WorkloadSize } from './workload.js';

export interface MemoryResult {
  bytesPerLiveEntity: number;
  liveEventsPerEntity: number;
  bytesPerLiveEvent: number;
  bytesPerClosedTask: number;
  bytesPerClosedTaskAfterDedupeWindow: number;
  tasksMeasured: number;
}

const HOUR = 3_600_000;

export function measureMemory(size: WorkloadSize, tasks: number): MemoryResult {
  const live = liveEntities(feedOf(size, tasks));
  const small = compactedTasks(feedOf(size, tasks));
  const large = compactedTasks(feedOf(size, 2 * tasks));
  return {
    ...live,
    bytesPerClosedTask: (large.inWindow - small.inWindow) / tasks,
    bytesPerClosedTaskAfterDedupeWindow: (large.afterWindow - small.afterWindow) / tasks,
    tasksMeasured: tasks,
  };
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

function compactedTasks(feed: TimedDelivery[]): { inWindow: number; afterWindow: number } {
  const before = heapUsed();
  const engine = ingest(feed, {});
  const end = feed.at(-1)!.time;
  // A quiet hour later every task has been swept into its base; a day later its ids expire.
  tick(engine, end + HOUR, 'tick-1');
  const inWindow = heapUsed() - before;
  tick(engine, end + 25 * HOUR, 'tick-2');
  tick(engine, end + 26 * HOUR, 'tick-3');
  const afterWindow = heapUsed() - before;
  keepAlive(engine, feed);
  return { inWindow, afterWindow };
}

function ingest(feed: readonly TimedDelivery[], options: EngineOptions): Engine {
  const engine = createEngine(options);
  for (const { line } of feed) engine.ingest({ source: 'webex', body: line });
  return engine;
}

/** Moves the engine's clock: one event of an agent outside the workload. */
function tick(engine: Engine, time: number, id: string): void {
  engine.ingest({ source: 'webex', body: JSON.stringify(webhook.agentStateChange(id, time, 'clock-agent', 'available')) });
}

/** Keeps what was measured reachable until after the heap was read. */
// biome-ignore lint/correctness/noUnusedVariables: written, never read: it only holds the values
let sink: unknown;
function keepAlive(...values: unknown[]): void {
  sink = values;
  sink = undefined;
}
