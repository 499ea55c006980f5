// The ordering contract (DESIGN §4) on generated Telax feeds: one-second event times make ties
// the rule, not the exception. Any arrival order within the horizon and any duplication give
// the views of in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../support/views.js';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { propertyRuns } from '../../support/propertyRuns.js';
import { renderTelaxFeed, telaxFeedPlan } from './lifecycles.js';

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 60_000;

describe('Telax feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: telaxFeedPlan().map(renderTelaxFeed),
    compactingHorizonMs: 2_000,
    runs: { anyOrder: 300, compacting: 200, redelivery: 100 },
  });

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
