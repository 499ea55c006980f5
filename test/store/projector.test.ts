// The projector owns the fold order: a checkpoint it takes covers exactly the deliveries folded
// through its position, so none is taken while a late delivery's entity is being rebuilt (or its
// rebuild failed and waits to be redone): a restart from it would take that delivery for a
// duplicate and never rebuild the entity.
import { describe, expect, it } from 'vitest';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Checkpoint, Store, WriteBatch } from '../../src/store/store.js';
import { bodies, expectedTask, send } from './lateFoldRace.js';

const ENGINE = { horizonMs: 60_000 };

/** A memory store that notes every checkpoint written; `failOutcomes` fails commits of outcomes alone. */
function notingStore() {
  const memory = new MemoryStore();
  const checkpoints: Checkpoint[] = [];
  const failing = { outcomes: false };
  const store: Store = Object.assign(Object.create(memory) as Store, {
    commit(batch: WriteBatch) {
      if (failing.outcomes && batch.deliveries.length === 0 && batch.outcomes.length > 0) throw new Error('the store is away');
      const seqs = memory.commit(batch);
      if (batch.checkpoint) checkpoints.push(batch.checkpoint);
      return seqs;
    },
  });
  return { memory, store, checkpoints, failing };
}

/** Task t1's late events in a checkpoint's ledgers. */
const lateOfT1 = (checkpoint: Checkpoint) => checkpoint.engine.ledgers.filter((ledger) => ledger.entity.id === 't1').flatMap((ledger) => ledger.late);

describe('the projector', () => {
  it('given a checkpoint due when a late delivery is folded, then it is taken after the rebuild, never through a position before that delivery', async () => {
    const { store, checkpoints } = notingStore();
    const durable = await openDurableEngine({ store, engine: ENGINE, checkpointEvery: 1 });
    const { before, late, other } = bodies;
    for (const body of before) await send(durable, body);
    // One batch: `other` is folded (a checkpoint is due), then `late`, whose rebuild commits the outcomes first.
    const [otherReceipt, lateReceipt] = await Promise.all([send(durable, other), send(durable, late)]);
    expect(lateReceipt.outcome.status).toBe('late');
    await durable.close();
    const beforeLate = checkpoints.filter((checkpoint) => checkpoint.seq < lateReceipt.seq);
    expect(beforeLate.some((checkpoint) => checkpoint.seq === otherReceipt.seq)).toBe(false);
    expect(beforeLate.flatMap(lateOfT1)).toEqual([]);
    expect(checkpoints.at(-1)!.seq).toBe(lateReceipt.seq);
  });

  it('given a rebuild that failed, when the engine closes before folding the log again, then no checkpoint covers the half-folded delivery: a restart rebuilds the entity', async () => {
    const { memory, store, failing } = notingStore();
    const durable = await openDurableEngine({ store, engine: ENGINE, checkpointEvery: 1_000_000 });
    const { before, late } = bodies;
    for (const body of before) await send(durable, body);
    await durable.flush();
    failing.outcomes = true;
    await expect(send(durable, late)).rejects.toThrow(/away/);
    failing.outcomes = false;
    await durable.close();
    const reopened = await openDurableEngine({ store: memory, engine: ENGINE });
    expect(reopened.engine.task('t1')).toEqual(expectedTask([...before, late]));
    await reopened.close();
  });
});
