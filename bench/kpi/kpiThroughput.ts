// The engine in order with queue KPIs and agent timelines on (`kpis` option), read as a wallboard
// would: every queue's KPIs every 1,000 deliveries, and every view at the end as in ingestFeed.
import type { TimedDelivery } from '../../examples/disorder.js';
import { createEngine } from '../../src/index.js';
import type { EngineRun } from '../engine/engineThroughput.js';

const READ_EVERY = 1_000;

export function ingestFeedWithKpis(feed: readonly TimedDelivery[]): EngineRun {
  const engine = createEngine({ kpis: {} });
  feed.forEach(({ line }, index) => {
    engine.ingest({ source: 'webex', body: line });
    if (index % READ_EVERY === 0) engine.queues();
  });
  engine.queues();
  engine.agents();
  engine.tasks();
  return { engine, outcomes: engine.stats().outcomes };
}
