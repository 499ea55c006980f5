// The ordering contract (DESIGN §4) on generated 8x8 chat feeds — transfers with rejoin, chats
// that were left and re-open, both APIs, ids from the header or derived: for any arrival order
// within the horizon and any duplication, the views equal those of in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatFeedPlan, renderChatFeed } from './lifecycles.js';
import { ingestAll } from '../../support/views.js';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { propertyRuns } from '../../support/propertyRuns.js';

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 120_000;

describe('8x8 chat feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: chatFeedPlan().map(renderChatFeed),
    compactingFeeds: chatFeedPlan({ maxChats: 3 }).map(renderChatFeed),
    compactingHorizonMs: 12,
    runs: { anyOrder: 200, compacting: 200, redelivery: 100 },
  });

  it('a transferred chat is never ended by the agent who leaves it: the next agent has it, in any arrival order', () => {
    // Events of one chat a millisecond or more apart: within one millisecond the lifecycle rank
    // decides, and a whole transfer in one millisecond would fold as queued, connected, ended.
    const transferred = chatFeedPlan({ maxChats: 1 })
      .filter(({ chats }) => chats[0]!.agents.length > 1)
      .map((plan) => ({
        chats: plan.chats.map((chat) => ({ ...chat, left: false })),
        steps: plan.steps.map((step) => step + 1),
        lost: [],
      }));
    fc.assert(
      fc.property(transferred.map(renderChatFeed), (feed) => {
        const task = ingestAll([...feed].reverse()).task('chat-0');
        expect(task?.state).toBe('connected');
        expect(task?.agents).toHaveLength(1);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);

});
