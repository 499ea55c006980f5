// The ordering contract (DESIGN §4) on generated 8x8 chat feeds — transfers with rejoin, chats
// that were left and re-open, both APIs, ids from the header or derived: for any arrival order
// within the horizon, any duplication and loss, the views equal those of in-order delivery and
// end in the states the plan asserts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../support/views.js';
import { itMeetsTheOrderingContract } from '../../support/orderingContract.js';
import { propertyRuns } from '../../support/propertyRuns.js';
import { chatFeedPlan, renderChatFeed } from './lifecycles.js';

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 120_000;

describe('8x8 chat feeds under disorder', () => {
  itMeetsTheOrderingContract({
    feeds: chatFeedPlan().map(renderChatFeed),
    compactingFeeds: chatFeedPlan({ maxChats: 3 }).map(renderChatFeed),
    compactingHorizonMs: 12,
    clockAt: (time, tick) => ({
      time,
      line: JSON.stringify({ source: '8x8', headers: { 'x-8x8-event-id': `clock-${time}-${tick}` }, body: { eventType: 'QUEUED', conversationId: 'clock', timestamp: time } }),
      eventId: `clock-${time}-${tick}`,
      facts: [{ what: 'task', task: 'clock', state: 'queued' }],
    }),
    runs: { anyOrder: 300, compacting: 300, boundary: 100, redelivery: 100 },
  });

  it('a transferred chat is never ended by the agent who leaves it: the next agent has it, in any arrival order', () => {
    // Events of one chat a millisecond or more apart (so that any order is within the horizon):
    // within one instant the lifecycle rank decides, and a whole transfer in one instant would
    // fold as queued, connected, ended.
    const transferred = chatFeedPlan({ maxChats: 1, units: [1] })
      .filter(({ chats }) => chats[0]!.agents.length > 1)
      .map((plan) => renderChatFeed({ ...plan, chats: plan.chats.map((chat) => ({ ...chat, left: false })), steps: plan.steps.map((step) => step + 1) }))
      .chain((feed) => fc.shuffledSubarray(feed, { minLength: feed.length }));
    fc.assert(
      fc.property(transferred, (arrivals) => {
        const task = ingestAll(arrivals).task('chat-0');
        expect(task?.state).toBe('connected');
        expect(task?.agents).toHaveLength(1);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);
});
