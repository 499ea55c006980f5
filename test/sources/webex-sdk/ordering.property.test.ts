// The ordering contract (DESIGN §4) on generated Webex SDK feeds, page reloads included: any
// arrival order within the horizon and any duplication give the views of in-order delivery,
// and a reload (re-login, then task:hydrate) changes no task.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../support/views.js';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { propertyRuns } from '../../support/propertyRuns.js';
import { renderSdkFeed, sdkFeedPlan } from './lifecycles.js';

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 60_000;

describe('Webex SDK feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: sdkFeedPlan().map((plan) => renderSdkFeed(plan)),
    compactingHorizonMs: 12,
    runs: { anyOrder: 300, compacting: 200, redelivery: 100 },
  });

  it('hydrate after a reload restores the tasks as they were: the same task views, the same work', () => {
    // Nothing lost: losses are by delivery index, and the reloads shift the indexes. No two
    // events of a task share a millisecond: a tie folds in lifecycle rank, which can differ from
    // the real order (consultEnd → held, then unhold → connected), and a hydrate a moment later
    // rightly corrects that — the convergence properties above cover ties.
    const scenario = sdkFeedPlan().chain((generated) => {
      const plan = { ...generated, lost: [], steps: generated.steps.map((step) => step + 1) };
      const reloaded = renderSdkFeed(plan);
      return fc.tuple(fc.constant(plan), fc.shuffledSubarray(reloaded, { minLength: reloaded.length }));
    });
    fc.assert(
      fc.property(scenario, ([plan, arrivals]) => {
        const withReloads = ingestAll(arrivals);
        const without = ingestAll(renderSdkFeed(plan, { reloads: false }));
        expect(withReloads.tasks()).toEqual(without.tasks());
        expect(withReloads.agents().map(({ id, tasks }) => ({ id, tasks }))).toEqual(without.agents().map(({ id, tasks }) => ({ id, tasks })));
      }),
      { numRuns: propertyRuns(200) },
    );
  }, TIMEOUT);
});
