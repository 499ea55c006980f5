// The ordering contract (DESIGN §4) as reusable properties: every source's generated feeds must
// converge for any arrival order and duplication, converge while compacting within a short
// horizon, and recognise redeliveries after compaction.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { TimedDelivery } from '../../examples/disorder.js';
import { arrivalsWithinHorizon } from './arrivals.js';
import { propertyRuns } from './propertyRuns.js';
import { createEngine } from '../../src/index.js';
import { allViews, deliveryOf, expectSameViews, ingestAll } from './views.js';

export interface ContractOptions {
  /** Feeds for the any-order property (all within the default 15-minute horizon). */
  feeds: fc.Arbitrary<TimedDelivery[]>;
  /** Feeds for the compacting property (defaults to `feeds`). */
  compactingFeeds?: fc.Arbitrary<TimedDelivery[]>;
  /** A horizon short enough that the feeds compact while they are ingested. */
  compactingHorizonMs: number;
  runs: { anyOrder: number; compacting: number; redelivery: number };
  /** Generous: CI machines are shared. */
  timeoutMs?: number;
}

export function itMeetsTheOrderingContract(options: ContractOptions): void {
  const timeout = options.timeoutMs ?? 120_000;

  const anyOrder = options.feeds.chain((feed) =>
    fc.tuple(fc.constant(feed), fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(fc.nat(Math.max(0, feed.length - 1)))),
  );
  itInChunks('converge to the in-order views for any arrival order and duplication (default horizon)', options.runs.anyOrder, timeout, (numRuns) =>
    fc.assert(
      fc.property(anyOrder, ([feed, shuffled, duplicated]) => {
        const arrivals = [...shuffled, ...duplicated.flatMap((index) => (feed[index] ? [feed[index]] : []))];
        const disordered = ingestAll(arrivals);
        expectSameViews(disordered, ingestAll(feed));
        expect(disordered.stats().outcomes).toMatchObject({ late: 0, conflict: 0, rejected: 0 });
      }),
      { numRuns },
    ),
  );

  const horizon = { horizonMs: options.compactingHorizonMs };
  const compacting = (options.compactingFeeds ?? options.feeds).chain((feed) =>
    fc.tuple(fc.constant(feed), arrivalsWithinHorizon(feed, options.compactingHorizonMs)),
  );
  itInChunks('converge while compacting: displacement within a short horizon is placed exactly', options.runs.compacting, timeout, (numRuns) =>
    fc.assert(
      fc.property(compacting, ([feed, arrivals]) => {
        const disordered = ingestAll(arrivals, horizon);
        expectSameViews(disordered, ingestAll(feed, horizon));
        expect(disordered.stats().outcomes).toMatchObject({ late: 0, conflict: 0 });
      }),
      { numRuns },
    ),
  );

  it('treat a redelivery as a duplicate, even long after its event was compacted', () => {
    fc.assert(
      fc.property(
        options.feeds.filter((feed) => feed.length > 0),
        fc.nat(),
        (feed, pick) => {
          const engine = createEngine({ horizonMs: 1 });
          const first = feed.map((delivery) => engine.ingest(deliveryOf(delivery)).status);
          const before = allViews(engine);
          const index = pick % feed.length;
          // What carries no state (other categories, verification pings) is ignored again.
          const expected = first[index] === 'ignored' ? 'ignored' : 'duplicate';
          expect(engine.ingest(deliveryOf(feed[index]!)).status).toBe(expected);
          expect(allViews(engine)).toEqual(before);
        },
      ),
      { numRuns: propertyRuns(options.runs.redelivery) },
    );
  }, timeout);
}

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
