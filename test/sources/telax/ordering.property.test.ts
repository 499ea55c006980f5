// The ordering contract (DESIGN §4) on generated Telax feeds: one-second event times make ties
// the rule, not the exception. Any arrival order within the horizon, any duplication and loss
// give the views of in-order delivery, and every agent ends in the state its plan asserts.
import { describe } from 'vitest';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { guid, renderTelaxFeed, telaxDelivery, telaxFeedPlan } from './lifecycles.js';

describe('Telax feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: telaxFeedPlan().map(renderTelaxFeed),
    compactingHorizonMs: 2_000,
    resolutionMs: 1_000,
    clockAt: (time, tick) =>
      telaxDelivery(time, guid(`clock:${time}:${tick}`), { Category: 1, Code: 3, Username: 'clock', SessionId: 'S-clock', AvailabilityCode: 1 }, [
        { what: 'presence', agent: 'clock', presence: 'available', endsWork: false },
      ]),
    runs: { anyOrder: 500, compacting: 300, boundary: 200, redelivery: 200 },
  });
});
