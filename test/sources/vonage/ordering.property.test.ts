// The ordering contract (DESIGN §4) on generated Vonage feeds — multi-party interactions with
// unanswered offers, hold, interrupt, park and a second agent: for any arrival order within the
// horizon, any duplication and loss, the views equal those of in-order delivery and end in the
// states the plan asserts.
import { describe } from 'vitest';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { presenceEvent, T0 } from './build.js';
import { renderVonageFeed, vonageFeedPlan } from './lifecycles.js';

describe('Vonage feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: vonageFeedPlan().map(renderVonageFeed),
    compactingFeeds: vonageFeedPlan({ maxInteractions: 3 }).map(renderVonageFeed),
    compactingHorizonMs: 12,
    clockAt: (time, tick) => ({
      time,
      line: JSON.stringify(presenceEvent('ready', { agentId: 'clock', at: time - T0, id: `clock-${time}-${tick}` })),
      facts: [{ what: 'presence', agent: 'clock', presence: 'available', endsWork: false }],
    }),
    runs: { anyOrder: 200, compacting: 200, boundary: 100, redelivery: 100 },
  });
});
