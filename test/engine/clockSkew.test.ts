// Clocks that one event cannot break (DESIGN §4.8): a source's clock drives compaction, so an event
// stamped far in the future (a vendor clock bug, a hostile body, a conflicting redelivery) must not
// move it, or every ordinary event after it would come back late.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine } from '../../src/index.js';
import { arrivalsWithinHorizon } from '../support/arrivals.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { deliveryOf, expectSameViews, ingestAll } from '../support/views.js';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';

const T = Date.UTC(2026, 2, 4, 9);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (minutes: number) => T + minutes * MINUTE;

/** Delivers a Webex body, received at `receivedAt` when given (as the receiver does), else without (as replay does). */
const deliver = (engine: Engine, body: webhook.WebexBody, receivedAt?: number) =>
  engine.ingest({ source: 'webex', body: JSON.stringify(body), ...(receivedAt !== undefined ? { receivedAt } : {}) });

/** Agent a1 changes state every minute from minute 0 to `last` (ids `s<minute>`), each received `lead` ms before its time. */
function givenAMinuteByMinuteFeed(engine: Engine, last: number, options: { received?: boolean; lead?: number } = {}): void {
  for (let minute = 0; minute <= last; minute++) {
    const time = at(minute);
    const outcome = deliver(engine, webhook.agentStateChange(`s${minute}`, time, 'a1', minute % 2 ? 'idle' : 'available'), options.received ? time - (options.lead ?? 0) : undefined);
    expect(outcome.status).toBe('applied');
  }
}

const ordinary = (minute: number, agent = 'a1') => webhook.agentStateChange(`late-${agent}-${minute}`, at(minute), agent, 'idle');

describe('the source clock and events stamped in the future', () => {
  it('folds a far-future event into its own entity, counts it skewed, and does not move its source clock', () => {
    const engine = createEngine();
    givenAMinuteByMinuteFeed(engine, 20, { received: true });
    const future = deliver(engine, webhook.taskEvent('x1', at(20) + DAY, 'task:new', 'tX'), at(20));
    expect(future).toMatchObject({ status: 'applied', skewed: DAY, reason: expect.stringMatching(/ahead of its receive time/) });
    expect(engine.task('tX')?.state).toBe('new');
    expect(engine.stats().skewed).toBe(1);
    // Ordinary events after it, late within the 15-minute horizon, are placed exactly.
    expect(deliver(engine, webhook.agentStateChange('s21', at(21), 'a1', 'idle'), at(21)).status).toBe('applied');
    expect(deliver(engine, ordinary(14), at(21)).status).toBe('reordered');
    expect(deliver(engine, ordinary(8, 'a2'), at(21)).status).toBe('applied');
    // The clock still moves with ordinary events: 16 minutes late is late.
    expect(deliver(engine, ordinary(5), at(21)).status).toBe('late');
  });

  it('never moves the clock on a conflict, even a repeated far-future one', () => {
    const engine = createEngine();
    givenAMinuteByMinuteFeed(engine, 20);
    // The same ids as minutes 10 and 11, with other content stamped a day ahead: twice, so that a
    // clock offered conflicts would see its step confirmed.
    expect(deliver(engine, webhook.agentStateChange('s10', at(10) + DAY, 'a1', 'wrapup')).status).toBe('conflict');
    expect(deliver(engine, webhook.agentStateChange('s11', at(11) + DAY, 'a1', 'wrapup')).status).toBe('conflict');
    expect(deliver(engine, ordinary(14)).status).toBe('reordered');
    expect(engine.agent('a1')?.state).toBe('available');
  });

  it('without receive times (replay), one outlier does not move the clock', () => {
    const engine = createEngine();
    givenAMinuteByMinuteFeed(engine, 20);
    expect(deliver(engine, webhook.taskEvent('x1', at(20) + DAY, 'task:new', 'tX')).status).toBe('applied');
    expect(deliver(engine, webhook.agentStateChange('s21', at(21), 'a1', 'idle')).status).toBe('applied');
    expect(deliver(engine, ordinary(14)).status).toBe('reordered');
    expect(deliver(engine, ordinary(5)).status).toBe('late');
    expect(engine.stats().skewed).toBe(0);
  });

  it('keeps working for a vendor whose clock runs consistently three minutes ahead', () => {
    const engine = createEngine();
    givenAMinuteByMinuteFeed(engine, 20, { received: true, lead: 3 * MINUTE });
    expect(deliver(engine, ordinary(14), at(21) - 3 * MINUTE).status).toBe('reordered');
    expect(deliver(engine, ordinary(2), at(21) - 3 * MINUTE).status).toBe('late');
    expect(engine.stats().skewed).toBe(0);
  });

  it('moves on after a quiet night once the next delivery confirms the step', () => {
    const engine = createEngine();
    givenAMinuteByMinuteFeed(engine, 5);
    deliver(engine, webhook.agentStateChange('m1', at(600), 'a1', 'available'));
    deliver(engine, webhook.agentStateChange('m2', at(601), 'a1', 'idle'));
    expect(deliver(engine, ordinary(590)).status).toBe('reordered');
    // Minutes 0 to 5 were compacted once the clock stood at minute 600.
    expect(deliver(engine, ordinary(3)).status).toBe('late');
  });

  it('follows a source that sends an event every ten minutes, one delivery behind', () => {
    const engine = createEngine();
    for (let minute = 0; minute <= 100; minute += 10) deliver(engine, webhook.agentStateChange(`s${minute}`, at(minute), 'a1', 'available'));
    // The clock stands at minute 90: compacted up to 75, so minute 65 cannot be placed.
    expect(deliver(engine, ordinary(65)).status).toBe('late');
    expect(deliver(engine, ordinary(85)).status).toBe('reordered');
  });

  it('property: one far-future event or conflict anywhere in a feed makes no ordinary event late and changes no other view', () => {
    const horizonMs = 12;
    const feedsWithAnOutlier = feedPlan({ maxTasks: 6 })
      .map(renderFeed)
      .chain((feed) =>
        fc.record({
          feed: fc.constant(feed),
          arrived: arrivalsWithinHorizon(feed, horizonMs),
          position: fc.nat(),
          aheadMs: fc.integer({ min: 10 * MINUTE, max: 30 * DAY }),
          conflicting: fc.boolean(),
        }),
      );
    fc.assert(
      fc.property(feedsWithAnOutlier, ({ feed, arrived: { delivered, arrivals }, position, aheadMs, conflicting }) => {
        const newest = Math.max(...feed.map((delivery) => delivery.time));
        const index = position % (arrivals.length + 1);
        // A conflicting redelivery of the last event that arrived before it, stamped far ahead, or a new task.
        const redelivered = conflicting && index > 0 ? (JSON.parse(arrivals[index - 1]!.line) as webhook.WebexBody) : undefined;
        const outlier = redelivered
          ? { ...redelivered, data: { ...redelivered.data, createdTime: newest + aheadMs } }
          : webhook.taskEvent('outlier', newest + aheadMs, 'task:new', 'outlier-task');
        // Without retention: a conflicting redelivery for a task that left memory is `late` ("entity expired").
        const engine = createEngine({ horizonMs, retentionMs: Number.POSITIVE_INFINITY });
        const statuses = [...arrivals.slice(0, index), { time: newest + aheadMs, line: JSON.stringify(outlier) }, ...arrivals.slice(index)].map(
          (delivery) => engine.ingest(deliveryOf(delivery)).status,
        );
        expect(statuses).not.toContain('late');
        const withoutOutlier = ingestAll(delivered, { horizonMs, retentionMs: Number.POSITIVE_INFINITY });
        if (!redelivered) expect(engine.task('outlier-task')?.state).toBe('new');
        expectSameViews(withoutOutlierTask(engine), withoutOutlier);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

/** The engine's views less the outlier's own task. */
function withoutOutlierTask(engine: Engine): Engine {
  return { ...engine, tasks: () => engine.tasks().filter((view) => view.id !== 'outlier-task') } as Engine;
}
