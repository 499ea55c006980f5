// After a restart behind a durable store (checkpoint + the log after it), the queue KPIs and agent
// timelines equal those before it: the KPI sums ride in the checkpoint's meta. The spec bites only
// if part of the sums lives nowhere else: a task that left memory (retention) before the
// checkpoint, and agent points older than what the agent's ledger still holds (its horizon). The
// meta holds the agents' points of its own day only: an earlier day comes back from the store's log.
import { describe, expect, it } from 'vitest';
import { agentTimelineBehind, type Delivery } from '../../src/index.js';
import { storeHistories } from '../../src/server/kpiRoutes.js';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { received } from '../store/feeds.js';
import { agentState, at, clockAt, loggedIn, logout, MINUTE, taskDeliveries } from './webexTasks.js';

/** As the receiver hands a delivery over. */
const receivedOf = (delivery: Delivery) => received(delivery.body as string, at(200));

const RANGE = { from: at(-3600), to: at(7200), now: at(3600) };
/** Short periods, so that t1 leaves memory and a1's ledger compacts within the test's hour. */
const ENGINE = { kpis: {}, horizonMs: MINUTE, dedupeWindowMs: MINUTE, retentionMs: MINUTE };

describe('KPIs behind a durable store', () => {
  it('given a task that left memory before the checkpoint, when the engine restarts, then the KPIs and timelines equal those before', async () => {
    const store = new MemoryStore();
    const first = taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'answer', at: 12, agent: 'a1' }, { do: 'end', at: 90, agent: 'a1' }, { do: 'close', at: 95, agent: 'a1' }]);
    const after = taskDeliveries('t2', [{ do: 'queue', at: 600 }, { do: 'end', at: 630 }]);
    const durable = await openDurableEngine({ store, engine: ENGINE, now: () => at(0) });
    for (const delivery of [...loggedIn(at(0), 'a1'), ...first, clockAt(at(400)), clockAt(at(500))]) await durable.receive(receivedOf(delivery));
    // Given: t1 is gone from memory, its contribution only in the KPI sums.
    expect(durable.engine.tasks().map((task) => task.id)).toEqual([]);
    await durable.checkpoint();
    for (const delivery of after) await durable.receive(receivedOf(delivery));
    const before = { queues: durable.engine.queues({ now: at(3600) }), timeline: durable.engine.agentTimeline('a1', RANGE) };
    expect(before.queues[0]!.today).toMatchObject({ entered: 2, answered: 1, abandoned: 1 });
    expect(before.timeline.intervals.map(({ state, from }) => [state, from])).toEqual([
      ['available', at(0)],
      ['engaged', at(12)],
      ['wrapup', at(90)],
      ['available', at(95)],
    ]);
    await durable.close();
    const restarted = await openDurableEngine({ store, engine: ENGINE, now: () => at(0) });
    expect({ queues: restarted.engine.queues({ now: at(3600) }), timeline: restarted.engine.agentTimeline('a1', RANGE) }).toEqual(before);
    await restarted.close();
  });

  it('given agent points of an earlier day, when the engine restarts, then the meta held today’s only and the earlier day comes back from the log', async () => {
    const DAY = 24 * 60 * 60;
    const store = new MemoryStore();
    const durable = await openDurableEngine({ store, engine: { kpis: {} }, now: () => at(0) });
    const shifts = [...loggedIn(at(0), 'a1'), agentState(at(200), 'a1', 'idle', { idleCodeId: 'lunch' }), logout(at(600), 'a1'), ...loggedIn(at(DAY), 'a1'), clockAt(at(DAY + 60))];
    // Received at their event times: a day ahead of the receive time would not move the clock.
    for (const delivery of shifts) await durable.receive(received(delivery.body as string));
    const today = Date.UTC(2026, 10, 3);
    const ranges = [{ from: today - DAY * 1000, to: today, now: at(DAY + 60) }, { from: today, to: today + DAY * 1000, now: at(DAY + 60) }];
    const before = await Promise.all(ranges.map((range) => agentTimelineBehind(durable.engine, storeHistories(durable), 'a1', range)));
    expect(before[0]!.intervals.map(({ state }) => state)).toEqual(['available', 'idle', 'loggedOut']);
    await durable.close();
    // The meta: from today's start on, and the point in force then (logged out since yesterday).
    const meta = store.latestCheckpoint()!.engine.kpis!;
    expect(meta.timelinesFrom).toBe(today);
    expect(meta.timelines.find(([agentId]) => agentId === 'a1')![1].map(({ time, state }) => [time, state])).toEqual([
      [at(600), 'loggedOut'],
      [at(DAY), 'available'],
    ]);
    const restarted = await openDurableEngine({ store, engine: { kpis: {} }, now: () => at(0) });
    expect(restarted.engine.agentTimelinesKeptFrom()).toBe(today);
    expect(await Promise.all(ranges.map((range) => agentTimelineBehind(restarted.engine, storeHistories(restarted), 'a1', range)))).toEqual(before);
    await restarted.close();
  });
});
