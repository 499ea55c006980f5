// After a restart behind a durable store (checkpoint + the log after it), the queue KPIs and agent
// timelines equal those before it: the KPI sums ride in the checkpoint's meta.
import { describe, expect, it } from 'vitest';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import type { Delivery } from '../../src/index.js';
import { received } from '../store/feeds.js';
import { at, loggedIn, taskDeliveries } from './webexTasks.js';

/** As the receiver hands a delivery over. */
const receivedOf = (delivery: Delivery) => received(delivery.body as string, at(200));

const RANGE = { from: at(-3600), to: at(7200), now: at(3600) };

describe('KPIs behind a durable store', () => {
  it('equal those before a restart from a checkpoint and the log after it', async () => {
    const store = new MemoryStore();
    const first = taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'answer', at: 12, agent: 'a1' }, { do: 'end', at: 90, agent: 'a1' }, { do: 'close', at: 95, agent: 'a1' }]);
    const after = taskDeliveries('t2', [{ do: 'queue', at: 100 }, { do: 'end', at: 130 }]);
    const durable = await openDurableEngine({ store, engine: { kpis: {} }, now: () => at(0) });
    for (const delivery of [...loggedIn(at(0), 'a1'), ...first]) await durable.receive(receivedOf(delivery));
    await durable.checkpoint();
    for (const delivery of after) await durable.receive(receivedOf(delivery));
    const before = { queues: durable.engine.queues({ now: at(3600) }), timeline: durable.engine.agentTimeline('a1', RANGE) };
    expect(before.queues[0]!.today).toMatchObject({ entered: 2, answered: 1, abandoned: 1 });
    await durable.close();
    const restarted = await openDurableEngine({ store, engine: { kpis: {} }, now: () => at(0) });
    expect({ queues: restarted.engine.queues({ now: at(3600) }), timeline: restarted.engine.agentTimeline('a1', RANGE) }).toEqual(before);
    await restarted.close();
  });
});
