// The ordering contract (DESIGN §4), property-tested on generated Webex feeds: for any arrival
// order within the horizon, any duplication and loss, the views equal those of in-order delivery
// and end in the states the plan asserts.
import { describe } from 'vitest';
import * as webhook from '../../../examples/webex/webhooks.js';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { feedPlan, renderFeed } from '../../support/webexLifecycles.js';

/** Thousands of runs on a shared 2-core machine: minutes, not seconds. */
const TIMEOUT = 20 * 60_000;

describe('Webex feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: feedPlan({ maxAgents: 3, maxTasks: 3 }).map(renderFeed),
    compactingFeeds: feedPlan({ maxTasks: 6 }).map(renderFeed),
    compactingHorizonMs: 12,
    clockAt: (time, tick) => ({
      time,
      line: JSON.stringify(webhook.agentStateChange(`clock-${time}-${tick}`, time, 'clock', 'available')),
      facts: [{ what: 'presence', agent: 'clock', presence: 'available', endsWork: true }],
    }),
    runs: { anyOrder: 5_000, compacting: 1_500, boundary: 500, redelivery: 500 },
    timeoutMs: TIMEOUT,
  });
});
