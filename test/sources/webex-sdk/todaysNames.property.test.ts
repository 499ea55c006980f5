// The names and shapes the Webex SDK followed emits today (task:resume, agent:stateChange,
// task:rejected with its task beside the reason, TaskData's top-level ids, post_call) against
// the documented ones: the same lifecycle gives the same views in any arrival order, and a feed
// of today's names meets the ordering contract against the independent oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { propertyRuns } from '../../support/propertyRuns.js';
import { allViews, ingestAll } from '../../support/views.js';
import { renderSdkFeed, sdkFeedPlan } from './lifecycles.js';

/**
 * The views without their gap counts. Events of two tasks of one agent can still share a
 * millisecond on the agent (a RONA's end, the idle state that follows it, another task's
 * wrap-up done): they fold in event-id order, and the ids differ between the namings. The
 * states reached are the same; how many steps a path skipped (the gap count) can differ.
 */
const withoutGapCounts = (views: unknown): unknown => JSON.parse(JSON.stringify(views, (key, value) => (key === 'gaps' ? undefined : value)));

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 60_000;

describe("Webex SDK feeds in today's names", () => {
  itMeetsTheOrderingContract({
    feeds: sdkFeedPlan().map((plan) => renderSdkFeed(plan, { names: 'today' })),
    compactingHorizonMs: 12,
    clockAt: (time, tick) => ({
      time,
      line: JSON.stringify({ event: 'agent:stateChange', payload: { agentId: 'clock', lastStateChangeTimestamp: time, subStatus: 'Available', orgId: `org-${tick}` } }),
      facts: [{ what: 'presence', agent: 'clock', presence: 'available', endsWork: false }],
    }),
    runs: { anyOrder: 200, compacting: 150, boundary: 50, redelivery: 50 },
  });

  it("give the views of the documented names for the same lifecycle, each in any arrival order", () => {
    // Millisecond units, so that any arrival order stays within the horizon. No two events of a
    // task share a millisecond: a tie of two events of one rank folds in event-id order, and
    // the ids are hashes of the lines, which differ between the two namings. For the same
    // reason no reloads: a reload is stamped at the instant of the step it restores (the
    // contract above checks today's feeds with their reloads).
    const scenario = sdkFeedPlan({ units: [1] }).chain((generated) => {
      const plan = { ...generated, steps: generated.steps.map((step) => step + 1) };
      const documented = renderSdkFeed(plan, { reloads: false });
      const today = renderSdkFeed(plan, { names: 'today', reloads: false });
      return fc.tuple(
        fc.constant(today.map(({ line }) => line)),
        fc.shuffledSubarray(documented, { minLength: documented.length }),
        fc.shuffledSubarray(today, { minLength: today.length }),
      );
    });
    fc.assert(
      fc.property(scenario, ([lines, documented, today]) => {
        expect(lines.some((line) => line.includes('"task:unhold"') || line.includes('"agent:stateChangeSuccess"'))).toBe(false);
        expect(withoutGapCounts(allViews(ingestAll(today)))).toEqual(withoutGapCounts(allViews(ingestAll(documented))));
      }),
      { numRuns: propertyRuns(200) },
    );
  }, TIMEOUT);
});
