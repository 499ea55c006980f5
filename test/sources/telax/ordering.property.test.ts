// The ordering contract (DESIGN §4) on generated Telax feeds: one-second event times make ties
// the rule, not the exception. Any arrival order within the horizon and any duplication give
// the views of in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalsWithinHorizon, propertyRuns } from '../../support/arrivals.js';
import { expectSameViews, ingestAll } from '../../support/views.js';
import { renderTelaxFeed, telaxFeedPlan } from './lifecycles.js';

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 60_000;

describe('Telax feeds under disorder', () => {
  it('converge to the in-order views for any arrival order and duplication (default horizon)', () => {
    const scenario = telaxFeedPlan().chain((plan) => {
      const feed = renderTelaxFeed(plan);
      return fc.tuple(fc.constant(feed), fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(fc.nat(feed.length - 1)));
    });
    fc.assert(
      fc.property(scenario, ([feed, shuffled, duplicated]) => {
        const arrivals = [...shuffled, ...duplicated.map((index) => feed[index]!)];
        const disordered = ingestAll(arrivals);
        expectSameViews(disordered, ingestAll(feed));
        expect(disordered.stats().outcomes.late).toBe(0);
        expect(disordered.stats().outcomes.conflict).toBe(0);
      }),
      { numRuns: propertyRuns(300) },
    );
  }, TIMEOUT);

  it('converge while compacting: displacement within a short horizon is placed exactly', () => {
    const horizonMs = 2_000;
    const scenario = telaxFeedPlan().chain((plan) => {
      const feed = renderTelaxFeed(plan);
      return fc.tuple(fc.constant(feed), arrivalsWithinHorizon(feed, horizonMs));
    });
    fc.assert(
      fc.property(scenario, ([feed, arrivals]) => {
        const options = { horizonMs };
        const disordered = ingestAll(arrivals, options);
        expectSameViews(disordered, ingestAll(feed, options));
        expect(disordered.stats().outcomes.late).toBe(0);
      }),
      { numRuns: propertyRuns(200) },
    );
  }, TIMEOUT);

  it('end every agent in the presence last asserted, or logged out, whatever the arrival order', () => {
    const scenario = telaxFeedPlan().chain((plan) => {
      const feed = renderTelaxFeed({ ...plan, lost: [] });
      return fc.tuple(fc.constant(plan), fc.shuffledSubarray(feed, { minLength: feed.length }));
    });
    fc.assert(
      fc.property(scenario, ([plan, arrivals]) => {
        const engine = ingestAll(arrivals);
        plan.agents.forEach((agent, index) => {
          const tookBreak = agent.breakAfter !== null && agent.breakAfter < agent.work.length;
          const presence = agent.available || tookBreak ? 'available' : 'idle';
          expect(engine.agent(`agent-${index}`)?.state).toBe(agent.signOut ? 'loggedOut' : presence);
        });
      }),
      { numRuns: propertyRuns(200) },
    );
  }, TIMEOUT);
});
