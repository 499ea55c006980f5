// The ordering contract (DESIGN §4), property-tested on generated Webex feeds: for any arrival
// order within the horizon and any duplication, the views equal those of in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalsWithinHorizon, propertyRuns } from '../support/arrivals.js';
import { allViews, expectSameViews, ingestAll } from '../support/views.js';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';

/** Ten thousand runs on a shared 2-core machine: minutes, not seconds. */
const TIMEOUT = 20 * 60_000;

describe('Webex feeds under disorder', () => {
  it('converge to the in-order views for any arrival order and duplication (default horizon)', () => {
    const scenario = feedPlan({ maxAgents: 3, maxTasks: 3 }).chain((plan) => {
      const feed = renderFeed(plan);
      return fc.tuple(fc.constant(feed), fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(fc.nat(feed.length - 1)));
    });
    fc.assert(
      fc.property(scenario, ([feed, shuffled, duplicated]) => {
        const arrivals = [...shuffled, ...duplicated.map((index) => feed[index]!)];
        const disordered = ingestAll(arrivals);
        expectSameViews(disordered, ingestAll(feed));
        expect(disordered.stats().outcomes.late).toBe(0);
      }),
      { numRuns: propertyRuns(10_000) },
    );
  }, TIMEOUT);

  it('converge while compacting: displacement within a short horizon is placed exactly', () => {
    const horizonMs = 12;
    const scenario = feedPlan({ maxTasks: 6 }).chain((plan) => {
      const feed = renderFeed(plan);
      return fc.tuple(fc.constant(feed), arrivalsWithinHorizon(feed, horizonMs));
    });
    fc.assert(
      fc.property(scenario, ([feed, arrivals]) => {
        const options = { horizonMs };
        const disordered = ingestAll(arrivals, options);
        expectSameViews(disordered, ingestAll(feed, options));
        expect(disordered.stats().outcomes.late).toBe(0);
        expect(disordered.stats().outcomes.conflict).toBe(0);
      }),
      { numRuns: propertyRuns(2_000) },
    );
  }, TIMEOUT);

  it('treat a redelivery as a duplicate, even long after its event was compacted', () => {
    fc.assert(
      fc.property(
        feedPlan().map(renderFeed),
        fc.nat(),
        (feed, pick) => {
          const engine = ingestAll(feed, { horizonMs: 1 });
          const before = allViews(engine);
          const outcome = engine.ingest({ body: feed[pick % feed.length]!.line });
          expect(outcome.status).toBe('duplicate');
          expect(allViews(engine)).toEqual(before);
        },
      ),
      { numRuns: propertyRuns(1_000) },
    );
  }, TIMEOUT);
});
