// The ordering contract (DESIGN §4) on generated 8x8 chat feeds — transfers with rejoin, chats
// that were left and re-open, both APIs, ids from the header or derived: for any arrival order
// within the horizon and any duplication, the views equal those of in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimedDelivery } from '../../../examples/disorder.js';
import { createEngine, type EngineOptions } from '../../../src/index.js';
import { deliveryFromLine } from '../../../src/sources/ndjsonLine.js';
import { arrivalsWithinHorizon, propertyRuns } from '../../support/arrivals.js';
import { allViews, expectSameViews } from '../../support/views.js';
import { chatFeedPlan, renderChatFeed } from './lifecycles.js';

/** Lines may be `{"source","headers","body"}` (the header carries the event id), as in `replay`. */
function ingestLines(feed: readonly TimedDelivery[], options: EngineOptions = {}) {
  const engine = createEngine(options);
  for (const { line } of feed) engine.ingest(deliveryFromLine(line, 'auto'));
  return engine;
}

/** Generous: the runs are few, but CI machines are shared. */
const TIMEOUT = 120_000;

describe('8x8 chat feeds under disorder', () => {
  it('converge to the in-order views for any arrival order and duplication (default horizon)', () => {
    const scenario = chatFeedPlan().chain((plan) => {
      const feed = renderChatFeed(plan);
      return fc.tuple(fc.constant(feed), fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(fc.nat(feed.length - 1)));
    });
    fc.assert(
      fc.property(scenario, ([feed, shuffled, duplicated]) => {
        const arrivals = [...shuffled, ...duplicated.map((index) => feed[index]!)];
        const disordered = ingestLines(arrivals);
        expectSameViews(disordered, ingestLines(feed));
        expect(disordered.stats().outcomes).toMatchObject({ late: 0, conflict: 0, rejected: 0 });
      }),
      { numRuns: propertyRuns(200) },
    );
  }, TIMEOUT);

  it('converge while compacting: displacement within a short horizon is placed exactly', () => {
    const horizonMs = 12;
    const scenario = chatFeedPlan({ maxChats: 3 }).chain((plan) => {
      const feed = renderChatFeed(plan);
      return fc.tuple(fc.constant(feed), arrivalsWithinHorizon(feed, horizonMs));
    });
    fc.assert(
      fc.property(scenario, ([feed, arrivals]) => {
        const options = { horizonMs };
        const disordered = ingestLines(arrivals, options);
        expectSameViews(disordered, ingestLines(feed, options));
        expect(disordered.stats().outcomes).toMatchObject({ late: 0, conflict: 0 });
      }),
      { numRuns: propertyRuns(200) },
    );
  }, TIMEOUT);

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
        const task = ingestLines([...feed].reverse()).task('chat-0');
        expect(task?.state).toBe('connected');
        expect(task?.agents).toHaveLength(1);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);

  it('treat a redelivery as a duplicate, even long after its event was compacted (header or derived id)', () => {
    fc.assert(
      fc.property(chatFeedPlan().map(renderChatFeed), fc.nat(), (feed, pick) => {
        const engine = ingestLines(feed, { horizonMs: 1 });
        const before = allViews(engine);
        expect(engine.ingest(deliveryFromLine(feed[pick % feed.length]!.line, 'auto')).status).toBe('duplicate');
        expect(allViews(engine)).toEqual(before);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, TIMEOUT);
});
