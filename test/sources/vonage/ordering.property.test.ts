// The ordering contract (DESIGN §4) on generated Vonage feeds — multi-party interactions with
// unanswered offers, hold, interrupt, park and a second agent: for any arrival order within the
// horizon and any duplication, the views equal those of in-order delivery.
import { describe } from 'vitest';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { renderVonageFeed, vonageFeedPlan } from './lifecycles.js';

describe('Vonage feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: vonageFeedPlan().map(renderVonageFeed),
    compactingFeeds: vonageFeedPlan({ maxInteractions: 3 }).map(renderVonageFeed),
    compactingHorizonMs: 12,
    runs: { anyOrder: 100, compacting: 100, redelivery: 100 },
  });
});
