// One entity's history as a store holds it: its floor, then what the log still holds after it, even
// when a prune commits between reading the two.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/engine/createEngine.js';
import type { IngestOutcome } from '../../src/engine/outcome.js';
import { entityHistory } from '../../src/store/entityHistory.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store } from '../../src/store/store.js';
import { received } from './feeds.js';
import { storePortOf } from '../../src/engine/storePort.js';

const t1 = { kind: 'task', id: 't1' } as const;
const applied: IngestOutcome = { status: 'applied', source: 'webex', entities: [{ entity: t1, status: 'applied' }] };
const lines = ['task:new', 'task:parked', 'task:ended'].map((type, index) => JSON.stringify(webhook.taskEvent(`e${index}`, 1_000 * (index + 1), type as webhook.WebexTaskType, 't1')));

/** A store holding t1's three deliveries, a checkpoint through them, and the prune of the first two. */
function storeWithPrune(): { store: MemoryStore; prune: () => void } {
  const store = new MemoryStore();
  store.commit({ deliveries: lines.map((line) => received(line)), outcomes: [1, 2, 3].map((seq) => ({ seq, outcome: applied })) });
  const engine = createEngine({ checkpoints: { restored: false } });
  store.commit({ deliveries: [], outcomes: [], checkpoint: { seq: 3, takenAt: 0, engine: storePortOf(engine).checkpoint() } });
  const events = lines.slice(0, 2).flatMap((line) => storePortOf(engine).eventsOf({ source: 'webex', body: line }));
  const floor = storePortOf(engine).foldFloor(t1, { events, reconciles: [] });
  const prune = () => void store.commit({ deliveries: [], outcomes: [], prune: { throughSeq: 2, floors: [{ entity: t1, throughSeq: 2, ledger: floor }], finishedBefore: 0, deadLettersKept: 10 } });
  return { store, prune };
}

describe('entityHistory', () => {
  it('is the floor and the deliveries after it', async () => {
    const { store, prune } = storeWithPrune();
    prune();
    const history = await entityHistory(store, t1, 3);
    expect(history.floor?.entries.map((event) => event.id)).toEqual(['e0', 'e1']);
    expect(history.deliveries.map((delivery) => Buffer.from(delivery.body as Uint8Array).toString('utf8'))).toEqual([lines[2]]);
  });

  it('cuts off what the floor holds when a prune commits between reading the history and the floor', async () => {
    const { store, prune } = storeWithPrune();
    const racing: Store = Object.assign(Object.create(store) as Store, {
      historyOf: (entity: typeof t1, upTo: number) => {
        const read = store.historyOf(entity, upTo);
        prune();
        return read;
      },
    });
    const history = await entityHistory(racing, t1, 3);
    expect(history.floor?.entries.map((event) => event.id)).toEqual(['e0', 'e1']);
    expect(history.deliveries.map((delivery) => Buffer.from(delivery.body as Uint8Array).toString('utf8'))).toEqual([lines[2]]);
  });
});
