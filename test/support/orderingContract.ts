// The ordering contract (DESIGN §4) as reusable properties over every source's generated feeds:
// for any arrival order within the horizon, any duplication and any loss, the engine serves the
// views of in-order delivery of what arrived, and ends in the states the plan asserts (the
// independent oracle); the horizon is exact to the millisecond; redeliveries are recognised
// for the whole dedupe window.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/index.js';
import { arrivalsWithinHorizon, inTimeOrder } from './arrivals.js';
import { expectPlannedStates } from './oracle/expectPlannedStates.js';
import type { PlannedDelivery } from './oracle/facts.js';
import { propertyRuns } from './propertyRuns.js';
import { HOUR, MINUTE } from './timeSteps.js';
import { allViews, deliveryOf, expectSameViews, ingestAll } from './views.js';
import { boundaryCase } from './horizonBoundary.js';

export interface ContractOptions {
  /** Feeds for the default-horizon property; their spans run from a second to days. */
  feeds: fc.Arbitrary<PlannedDelivery[]>;
  /** Feeds for the short-horizon property (defaults to `feeds`). */
  compactingFeeds?: fc.Arbitrary<PlannedDelivery[]>;
  /** A horizon short enough that the feeds compact all the time while they are ingested. */
  compactingHorizonMs: number;
  /** The source's finest time step: a millisecond, or a second for Telax. */
  resolutionMs?: number;
  /**
   * A delivery at `time` about an entity no feed uses, the `tick`-th of that time (each its own
   * event): it moves the source's clock and nothing else.
   */
  clockAt(time: number, tick: number): PlannedDelivery;
  runs: { anyOrder: number; compacting: number; boundary: number; redelivery: number };
  /** Generous: CI machines are shared. */
  timeoutMs?: number;
}

const DEFAULT_HORIZON_MS = 15 * MINUTE;
/**
 * The contract is about order, duplication and loss, and its oracle expects every planned entity
 * at the end of feeds that span days: finished tasks stay in memory here (retention, which takes
 * them out a day after their end, has its own specs in test/engine/memoryRetention.test.ts).
 */
const KEEP_TASKS = { retentionMs: Number.POSITIVE_INFINITY };
const DEDUPE_WINDOW_MS = 24 * HOUR;

export function itMeetsTheOrderingContract(options: ContractOptions): void {
  const timeout = options.timeoutMs ?? 120_000;
  const resolution = options.resolutionMs ?? 1;

  /** Two deliveries at `time`: a step of the clock takes a second delivery to confirm it (DESIGN §4.8). */
  const clockMovedTo = (time: number) => [options.clockAt(time, 0), options.clockAt(time, 1)];

  const converges = (feeds: fc.Arbitrary<PlannedDelivery[]>, horizonMs: number, engineOptions: { horizonMs?: number }) =>
    (numRuns: number) => {
      // The runs must compact on the way, not only be able to: counted over the runs whose feed
      // spans several horizons (one outlying step of a sparse feed may wait, DESIGN §4.8).
      const spans = { long: 0, compacted: 0 };
      fc.assert(
        fc.property(
          feeds.chain((feed) => arrivalsWithinHorizon(feed, horizonMs)),
          ({ delivered, arrivals }) => {
            const engine = ingestAll(arrivals, { ...engineOptions, ...KEEP_TASKS });
            expectSameViews(engine, ingestAll(delivered, { ...engineOptions, ...KEEP_TASKS }));
            expectPlannedStates(engine, delivered);
            expect(engine.stats().outcomes).toMatchObject({ late: 0, conflict: 0, rejected: 0 });
            if (spanOf(delivered) > 4 * horizonMs) {
              spans.long++;
              if (compactedEntities(engine) > 0) spans.compacted++;
            }
          },
        ),
        { numRuns },
      );
      if (numRuns >= 100) expect(spans.long).toBeGreaterThan(0);
      expect(spans.compacted).toBeGreaterThanOrEqual(spans.long / 2);
    };

  itInChunks(
    'converge to in-order delivery and end in the planned states, for any arrival order within the (default) horizon, duplication and loss',
    options.runs.anyOrder,
    timeout,
    converges(options.feeds, DEFAULT_HORIZON_MS, {}),
  );

  itInChunks(
    'converge likewise while compacting all the time (a short horizon)',
    options.runs.compacting,
    timeout,
    converges(options.compactingFeeds ?? options.feeds, options.compactingHorizonMs, { horizonMs: options.compactingHorizonMs }),
  );

  it('place an event exactly one horizon late, and keep one a step later as late', () => {
    const horizonMs = options.compactingHorizonMs;
    fc.assert(
      fc.property(
        options.feeds.chain((feed) => fc.tuple(fc.constant(inTimeOrder(feed)), fc.nat())),
        ([feed, pick]) => {
          const boundary = boundaryCase(feed, pick);
          fc.pre(boundary !== undefined);
          const { before, held, watermark } = boundary!;
          const atHorizon = clockMovedTo(watermark + horizonMs);
          const engine = ingestAll([...before, ...atHorizon], { horizonMs, ...KEEP_TASKS });
          expect(['applied', 'reordered']).toContain(engine.ingest(deliveryOf(held)).status);
          expectSameViews(engine, ingestAll(inTimeOrder([...before, held, ...atHorizon]), { horizonMs, ...KEEP_TASKS }));

          const past = ingestAll([...before, ...clockMovedTo(watermark + horizonMs + resolution)], { horizonMs, ...KEEP_TASKS });
          const views = allViews(past);
          const outcome = past.ingest(deliveryOf(held));
          expect(outcome.status).toBe('late');
          expect(past.needingReconciliation().some(({ late }) => late > 0)).toBe(true);
          // A delivery about several entities may be late for one only, and placed for another.
          if (outcome.entities.every(({ status }) => status === 'late')) expect(allViews(past)).toEqual(views);
        },
      ),
      { numRuns: propertyRuns(options.runs.boundary) },
    );
  }, timeout);

  it('treat a redelivery as a duplicate for the whole dedupe window, compacted or not, and never let it change a view', () => {
    // Ages from at once (every event compacted: a 1 ms horizon) to past the window: 24 h of
    // event time at least, 27 h at most (quiet entities' ids are expired every eighth of it).
    const ages = [0, 23 * HOUR, 25 * HOUR, 28 * HOUR];
    fc.assert(
      fc.property(
        options.feeds.filter((feed) => feed.length > 0),
        fc.nat(),
        fc.constantFrom(...ages),
        (unordered, pick, age) => {
          const feed = inTimeOrder(unordered);
          const redelivered = feed[pick % feed.length]!;
          const engine = createEngine({ ...(age === 0 ? { horizonMs: 1 } : {}), ...KEEP_TASKS });
          const first = feed.map((delivery) => engine.ingest(deliveryOf(delivery)).status);
          // The source's clock, moved past the event by `age` or by the feed itself (it may span days).
          const clock = Math.max(feed.at(-1)!.time, redelivered.time + age);
          for (const tick of clockMovedTo(clock)) engine.ingest(deliveryOf(tick));
          const before = allViews(engine);
          const status = engine.ingest(deliveryOf(redelivered)).status;
          expect(allViews(engine)).toEqual(before);
          const elapsed = clock - redelivered.time;
          // What carries no state (other categories, verification pings) is ignored again.
          if (first[pick % feed.length] === 'ignored') expect(status).toBe('ignored');
          else if (elapsed < DEDUPE_WINDOW_MS) expect(status).toBe('duplicate');
          else if (elapsed >= DEDUPE_WINDOW_MS + DEDUPE_WINDOW_MS / 8) expect(status).toBe('late');
          else expect(['duplicate', 'late']).toContain(status);
        },
      ),
      { numRuns: propertyRuns(options.runs.redelivery) },
    );
  }, timeout);
}

/** The event time a feed's asserting deliveries span (what is ignored moves no clock). */
function spanOf(feed: readonly PlannedDelivery[]): number {
  const times = feed.filter((delivery) => delivery.facts.length > 0).map((delivery) => delivery.time);
  return times.length ? Math.max(...times) - Math.min(...times) : 0;
}

/** Entities holding a compacted base: the engine's snapshot shows them. */
const compactedEntities = (engine: Engine): number => engine.snapshot().ledgers.filter((ledger) => ledger.baseKey !== null).length;

/**
 * Runs a property's cases as several tests of at most CHUNK runs each (each with its own seed):
 * ten thousand synchronous runs in one go block vitest's worker past its RPC timeout.
 */
const CHUNK = 500;

function itInChunks(title: string, fallbackRuns: number, timeout: number, run: (numRuns: number) => void): void {
  const total = propertyRuns(fallbackRuns);
  const chunks = Math.max(1, Math.ceil(total / CHUNK));
  for (let chunk = 0; chunk < chunks; chunk++) {
    const numRuns = Math.min(CHUNK, total - chunk * CHUNK);
    const label = chunks > 1 ? `${title} (runs ${chunk * CHUNK + 1}–${chunk * CHUNK + numRuns} of ${total})` : title;
    it(
      label,
      async () => {
        // Let vitest's worker answer its messages between chunks (its RPC times out after 60 s).
        await new Promise((resolve) => setImmediate(resolve));
        run(numRuns);
      },
      timeout,
    );
  }
}
