// The ordering contract (DESIGN §4) on generated Webex SDK feeds, page reloads included: any
// arrival order within the horizon, any duplication and loss give the views of in-order
// delivery and end in the states the plan asserts, and a reload (re-login, then task:hydrate)
// changes no task.
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
    clockAt: (time, tick) => ({
      time,
      line: JSON.stringify({ event: 'agent:stateChangeSuccess', payload: { data: { agentId: 'clock', eventTime: time, subStatus: 'Available' }, orgId: `org-${tick}` } }),
      facts: [{ what: 'presence', agent: 'clock', presence: 'available', endsWork: false }],
    }),
    runs: { anyOrder: 400, compacting: 300, boundary: 100, redelivery: 100 },
  });

  it('hydrate after a reload restores the tasks as they were: the same task views, the same work', () => {
    // Nothing lost: the reloads would shift which deliveries are. No two events of a task share
    // a millisecond: a tie folds in lifecycle rank, which can differ from the real order
    // (consultEnd → held, then unhold → connected), and a hydrate a moment later rightly
    // corrects that — the convergence properties above cover ties. Millisecond units, so that
    // any arrival order stays within the horizon.
    const scenario = sdkFeedPlan({ units: [1] }).chain((generated) => {
      const plan = { ...generated, steps: generated.steps.map((step) => step + 1) };
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
