// The KPI ordering contract: for any arrival order within the horizon, duplication and loss, the
// queue KPIs and agent timelines equal those of in-order delivery of what arrived, equal the
// independent oracle computed from the generator's facts (kpiOracle.ts), and survive a restart
// from a snapshot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type KpiOptions } from '../../src/index.js';
import { arrivalsWithinHorizon } from '../support/arrivals.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { deliveryOf } from '../support/views.js';
import { FEED_START, type KpiDelivery, kpiFeedPlan, renderKpiFeed } from './kpiFeeds.js';
import { expectedQueues, expectedTimelines, type OracleRules } from './kpiOracle.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HORIZON_MS = 15 * MINUTE;
const NOW = FEED_START + 3 * HOUR;
const RANGE = { from: FEED_START - HOUR, to: FEED_START + 4 * HOUR };

const rules: fc.Arbitrary<OracleRules & { timeZone: string }> = fc.record({
  thresholdMs: fc.constantFrom(0, 20_000, 60_000),
  shortAbandonMs: fc.constantFrom(0, 5_000, 30_000),
  formula: fc.constantFrom('enteredLessShortAbandons', 'entered', 'answeredOrAbandoned', 'answered'),
  // Kiritimati (UTC+14) starts a day at 10:00 UTC, inside the feeds.
  timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'Pacific/Kiritimati'),
});

const kpiOptions = (rule: OracleRules & { timeZone: string }): KpiOptions => ({
  serviceLevelThresholdMs: rule.thresholdMs,
  shortAbandonMs: rule.shortAbandonMs,
  serviceLevelFormula: rule.formula,
  timeZone: rule.timeZone,
});

/**
 * How the KPIs are read while the deliveries arrive: by a change-feed subscriber (after every
 * delivery), every n deliveries, or only at the end. Each read takes back and adds the
 * contributions of the tasks changed since the last one.
 */
type Reading = 'subscribed' | number | 'atTheEnd';

function ingested(deliveries: readonly KpiDelivery[], kpis: KpiOptions, reading: Reading = 'atTheEnd'): Engine {
  // Finished tasks stay in memory: retention has its own spec (kpiLifecycle.test.ts).
  const engine = createEngine({ kpis, horizonMs: HORIZON_MS, retentionMs: Number.POSITIVE_INFINITY });
  if (reading === 'subscribed') engine.subscribe(() => undefined);
  deliveries.forEach((delivery, index) => {
    engine.ingest(deliveryOf(delivery));
    if (typeof reading === 'number' && index % reading === 0) engine.queues();
  });
  return engine;
}

/** Everything the engine answers about KPIs: every queue by channel, its intervals, every agent's timeline. */
function kpisOf(engine: Engine, agents: string[]) {
  return {
    queues: engine.queues({ now: NOW, byChannelType: true }).map((queue) => ({
      ...queue,
      intervals: engine.queue(queue.queueId, { now: NOW, channelType: queue.channelType ?? '', interval: '15m', ...RANGE })!.intervals,
    })),
    timelines: agents.map((agent) => engine.agentTimeline(agent, { ...RANGE, now: NOW })),
  };
}

const feeds = kpiFeedPlan().map(renderKpiFeed);

describe('queue KPIs and agent timelines under disorder', () => {
  it('equal in-order delivery and the oracle, for any arrival order within the horizon, duplication and loss, and a restart', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(
        feeds.chain((feed) => arrivalsWithinHorizon(feed, HORIZON_MS)),
        rules,
        fc.constantFrom<Reading>('subscribed', 1, 3, 'atTheEnd'),
        ({ delivered, arrivals }, rule, reading) => {
          const options = kpiOptions(rule);
          const engine = ingested(arrivals, options, reading);
          const oracleTimelines = expectedTimelines(delivered);
          const agents = [...oracleTimelines.keys()].sort();
          const answered = kpisOf(engine, agents);
          expect(answered).toEqual(kpisOf(ingested(delivered, options), agents));

          const expected = expectedQueues(delivered, rule, NOW);
          expect(
            answered.queues.map(({ channelType, live, intervals }) => ({
              channelType,
              live,
              intervals: intervals!.filter((interval) => interval.entered > 0).map(({ to: _to, ...interval }) => interval),
            })),
          ).toEqual(expected);
          expect(
            answered.timelines.map(({ intervals }) => intervals.map(({ from, state, idleCode, tasks }) => ({ from, state, idleCode: idleCode?.id ?? null, tasks }))),
          ).toEqual(agents.map((agent) => oracleTimelines.get(agent)));

          const restored = createEngine({ kpis: options, horizonMs: HORIZON_MS, retentionMs: Number.POSITIVE_INFINITY, snapshot: structuredClone(engine.snapshot()) });
          expect(kpisOf(restored, agents)).toEqual(answered);
        },
      ),
      { numRuns: propertyRuns(150) },
    );
  });
});
