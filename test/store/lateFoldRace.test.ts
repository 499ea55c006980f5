// A rebuild reads an entity's history only once every outcome this receiver recorded through the
// late event's position is in the store (lateFoldRace.ts): a receiver alone, its next commit slow.
import { describe, expect, it } from 'vitest';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store, WriteBatch } from '../../src/store/store.js';
import { heldAppends } from './heldAppends.js';
import { bodies, expectedTask, openRacing, send, slowNextCommit, stageLateFold } from './lateFoldRace.js';

describe('a late event folded while the commit of an earlier outcome is under way', () => {
  it('given the next commit is slow, when the late event is folded, then its entity is rebuilt from a history that holds every delivery before it', async () => {
    const memory = new MemoryStore();
    const held = heldAppends(memory);
    const durable = await openRacing(held.store);
    await stageLateFold(durable, held, 'writes', slowNextCommit(held));
    expect(durable.status().rebuilds).toBe(1);
    expect(durable.engine.task('t1')).toEqual(expectedTask());
    expect(durable.engine.task('t1')).toMatchObject({ state: 'ended' });
    await durable.close();
    // The checkpoint written at close holds the right ledger: a restart shows it too.
    const reopened = await openDurableEngine({ store: memory, engine: { horizonMs: 60_000 } });
    expect(reopened.engine.task('t1')).toEqual(expectedTask());
  });

  it('given the commit of the outcomes a rebuild waits for fails, when the log is folded again, then the rebuild is redone (not taken for a duplicate)', async () => {
    const memory = new MemoryStore();
    let failOutcomes = false;
    const store: Store = Object.assign(Object.create(memory) as Store, {
      commit(batch: WriteBatch) {
        if (failOutcomes && batch.deliveries.length === 0 && batch.outcomes.length > 0) throw new Error('the store is away');
        return memory.commit(batch);
      },
    });
    const durable = await openRacing(store);
    const { before, late, other } = bodies;
    for (const body of before) await send(durable, body);
    await durable.flush();
    failOutcomes = true;
    await expect(send(durable, late)).rejects.toThrow(/away/);
    failOutcomes = false;
    // The next delivery folds the log again from L.
    await send(durable, other);
    await durable.flush();
    expect(durable.status().rebuilds).toBe(1);
    expect(durable.engine.task('t1')).toEqual(expectedTask([...before, late, other]));
    expect(durable.engine.task('t1')).toMatchObject({ state: 'connected', enteredAt: { held: late.data.createdTime } });
    await durable.close();
  });
});
