// The ordering contract (DESIGN §4), property-tested on generated Webex feeds: for any arrival
// order within the horizon and any duplication, the views equal those of in-order delivery.
import { describe } from 'vitest';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';
import { itMeetsTheOrderingContract } from '../support/orderingContract.js';

/** Ten thousand runs on a shared 2-core machine: minutes, not seconds. */
const TIMEOUT = 20 * 60_000;

describe('Webex feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: feedPlan({ maxAgents: 3, maxTasks: 3 }).map(renderFeed),
    compactingFeeds: feedPlan({ maxTasks: 6 }).map(renderFeed),
    compactingHorizonMs: 12,
    runs: { anyOrder: 10_000, compacting: 2_000, redelivery: 1_000 },
    timeoutMs: TIMEOUT,
  });
});
