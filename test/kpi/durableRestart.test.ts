// After a restart behind a durable store (checkpoint + the log after it), the queue KPIs and agent
// timelines equal those before it: the KPI sums ride in the checkpoint's meta. The spec bites only
// if part of the sums lives nowhere else: a task that left memory (retention) before the
// checkpoint, and agent points older than what the agent's ledger still holds (its horizon).
import { describe, expect, it } from 'vitest';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Delivery } from '../../src/index.js';
import { received } from '../store/feeds.js';
import { at, clockAt, loggedIn, MINUTE, taskDeliveries } from './webexTasks.js';

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
});
