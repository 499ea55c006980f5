// The ordering contract (DESIGN §4) on generated Vonage feeds — multi-party interactions with
// unanswered offers, hold, interrupt, park and a second agent: for any arrival order within the
// horizon and any duplication, the views equal those of in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalsWithinHorizon, propertyRuns } from '../../support/arrivals.js';
import { allViews, expectSameViews, ingestAll } from '../../support/views.js';
import { renderVonageFeed, vonageFeedPlan } from './lifecycles.js';

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 120_000;

describe('Vonage feeds under disorder', () => {
  it('converge to the in-order views for any arrival order and duplication (default horizon)', () => {
    const scenario = vonageFeedPlan().chain((plan) => {
      const feed = renderVonageFeed(plan);
      return fc.tuple(fc.constant(feed), fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(fc.nat(feed.length - 1)));
    });
    fc.assert(
      fc.property(scenario, ([feed, shuffled, duplicated]) => {
        const arrivals = [...shuffled, ...duplicated.map((index) => feed[index]!)];
        const disordered = ingestAll(arrivals);
        expectSameViews(disordered, ingestAll(feed));
        expect(disordered.stats().outcomes).toMatchObject({ late: 0, conflict: 0, rejected: 0 });
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);

  it('converge while compacting: displacement within a short horizon is placed exactly', () => {
    const horizonMs = 12;
    const scenario = vonageFeedPlan({ maxInteractions: 3 }).chain((plan) => {
      const feed = renderVonageFeed(plan);
      return fc.tuple(fc.constant(feed), arrivalsWithinHorizon(feed, horizonMs));
    });
    fc.assert(
      fc.property(scenario, ([feed, arrivals]) => {
        const options = { horizonMs };
        const disordered = ingestAll(arrivals, options);
        expectSameViews(disordered, ingestAll(feed, options));
        expect(disordered.stats().outcomes).toMatchObject({ late: 0, conflict: 0 });
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);

  it('treat a redelivery as a duplicate, even long after its event was compacted (Vonage retries for 24 h)', () => {
    fc.assert(
      fc.property(vonageFeedPlan().map(renderVonageFeed), fc.nat(), (feed, pick) => {
        const engine = ingestAll(feed, { horizonMs: 1 });
        const before = allViews(engine);
        expect(engine.ingest({ body: feed[pick % feed.length]!.line }).status).toBe('duplicate');
        expect(allViews(engine)).toEqual(before);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);
});
