// The group committer with a store that commits off the event loop: one commit under way at a
// time, the deliveries that arrive meanwhile form the next one, nobody hears back before the
// commit holding their delivery has ended, and a flush waits for the commit under way.
import { describe, expect, it } from 'vitest';
import { type Committed, GroupCommitter } from '../../src/store/groupCommit.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { PendingCommit, Store, WriteBatch } from '../../src/store/store.js';
import { received } from './feeds.js';

/** A memory store whose `beginCommit` ends only when the test says so (or when a flush waits for it). */
function manualStore() {
  const inner = new MemoryStore();
  const started: { batch: WriteBatch; end: () => void; fail: (error: Error) => void; ended: boolean }[] = [];
  const store: Store = Object.assign(Object.create(inner) as Store, {
    beginCommit(batch: WriteBatch): PendingCommit {
      let seqs: number[] | undefined;
      let failure: Error | undefined;
      let settle!: () => void;
      const settled = new Promise<void>((resolve) => (settle = resolve));
      const entry = {
        batch,
        ended: false,
        end: () => {
          if (entry.ended) return;
          entry.ended = true;
          seqs = inner.commit(batch);
          settle();
        },
        /** Ends it without writing anything. */
        fail: (error: Error) => {
          entry.ended = true;
          failure = error;
          settle();
        },
      };
      started.push(entry);
      return {
        settled,
        result: () => {
          entry.end();
          if (failure) throw failure;
          return seqs!;
        },
      };
    },
  });
  return { store, started, inner };
}

const bodies = (committed: Committed[]) => committed.map(({ seq, delivery }) => `${seq}:${Buffer.from(delivery.body).toString()}`);
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A committer that notes each batch it applies as `seq:body` strings. */
function applying(store: Store) {
  const applied: string[][] = [];
  const committer = new GroupCommitter(store, (committed) => {
    applied.push(bodies(committed));
    return committed.map(({ seq }) => seq);
  });
  return { committer, applied };
}

/** A committer that records an outcome for every delivery it applies, as the engine does. */
function recording(store: Store, outcomeDelayMs: number) {
  const committer: GroupCommitter<number> = new GroupCommitter(
    store,
    (committed) =>
      committed.map(({ seq }) => {
        committer.record({ seq, outcome: { status: 'applied', source: 'webex', entities: [] } });
        return seq;
      }),
    { outcomeDelayMs },
  );
  return committer;
}

describe('GroupCommitter with a store that commits off the event loop', () => {
  it('keeps one commit under way; deliveries that arrive meanwhile form the next; answers only after each commit', async () => {
    const { store, started } = manualStore();
    const { committer, applied } = applying(store);
    const answered: number[] = [];
    const answers = ['a', 'b'].map((body) => committer.append(received(body)).then((seq) => answered.push(seq)));
    await tick();
    expect(started).toHaveLength(1);
    for (const body of ['c', 'd', 'e']) answers.push(committer.append(received(body)).then((seq) => answered.push(seq)));
    await tick();
    // c, d and e wait for the commit of a and b to end; nobody has been answered.
    expect(started).toHaveLength(1);
    expect(answered).toEqual([]);
    expect(committer.pending).toBe(5);

    started[0]!.end();
    await tick();
    expect(answered).toEqual([1, 2]);
    // The next commit holds everything that arrived while the first was under way.
    expect(started).toHaveLength(2);
    expect(started[1]!.batch.deliveries.map((delivery) => Buffer.from(delivery.body).toString())).toEqual(['c', 'd', 'e']);
    started[1]!.end();
    await Promise.all(answers);
    expect(answered).toEqual([1, 2, 3, 4, 5]);
    expect(applied).toEqual([['1:a', '2:b'], ['3:c', '4:d', '5:e']]);
    expect(committer.totals).toEqual({ commits: 2, deliveries: 5 });
  });

  it('starts the next commit before applying the one that ended, so the disk works while the engine folds', async () => {
    const { store, started } = manualStore();
    let commitsStartedWhenApplying = 0;
    const committer = new GroupCommitter(store, (committed) => {
      commitsStartedWhenApplying = started.length;
      return committed.map(({ seq }) => seq);
    });
    const first = committer.append(received('a'));
    await tick();
    const second = committer.append(received('b'));
    await tick();
    started[0]!.end();
    await first;
    expect(commitsStartedWhenApplying).toBe(2);
    started[1]!.end();
    await second;
  });

  it('flush waits for the commit under way, then commits and applies the rest, in log order', async () => {
    const { store, started } = manualStore();
    const { committer, applied } = applying(store);
    const first = committer.append(received('a'));
    await tick();
    const second = committer.append(received('b'));
    const flushed = committer.flush();
    await tick();
    // b waits for the commit under way to end before its own starts.
    expect(started).toHaveLength(1);
    started[0]!.end();
    await tick();
    expect(started.map((entry) => entry.batch.deliveries.length)).toEqual([1, 1]);
    started[1]!.end();
    await flushed;
    expect(applied).toEqual([['1:a'], ['2:b']]);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    await tick();
    expect(applied).toHaveLength(2); // the first commit's own ending applies nothing twice
  });

  it('answers a failed commit with its error and goes on with the next batch', async () => {
    const { store, started } = manualStore();
    let failNext = true;
    const failing: Store = Object.assign(Object.create(store) as Store, {
      beginCommit(batch: WriteBatch): PendingCommit {
        if (!failNext) return store.beginCommit!(batch);
        failNext = false;
        return { settled: Promise.resolve(), result: () => { throw new Error('disk full'); } };
      },
    });
    const committer = new GroupCommitter(failing, (committed) => committed.map(({ seq }) => seq));
    await expect(committer.append(received('a'))).rejects.toThrow('disk full');
    const next = committer.append(received('b'));
    await tick();
    started[0]!.end();
    expect(await next).toBe(1);
  });
});

describe('GroupCommitter outcomes', () => {
  it('writes outcomes once they have waited their delay, many in one write, not with every batch', async () => {
    const inner = new MemoryStore();
    const batches: WriteBatch[] = [];
    const store: Store = Object.assign(Object.create(inner) as Store, {
      commit: (batch: WriteBatch) => {
        batches.push(batch);
        return inner.commit(batch);
      },
    });
    const committer = recording(store, 30);
    await committer.append(received('a'));
    await committer.append(received('b'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(batches.map((batch) => [batch.deliveries.length, batch.outcomes.length])).toEqual([
      [1, 0],
      [1, 0],
      [0, 2],
    ]);
    committer.stop();
  });
});

describe('GroupCommitter: outcomes durable through a position', () => {
  const outcomeSeqs = (batch: WriteBatch) => batch.outcomes.map(({ seq }) => seq);

  it('given a commit without the outcome under way and appends that keep coming, then it waits for that commit and the next, which takes the outcome', async () => {
    const { store, started, inner } = manualStore();
    const committer = recording(store, 60_000);
    const first = committer.append(received('a'));
    await tick();
    started[0]!.end();
    expect(await first).toBe(1);
    // Outcome 1 is queued (its delay is long); b's commit is under way without it.
    const answers = [committer.append(received('b'))];
    await tick();
    let durable = false;
    const waited = committer.durableThrough(1).then(() => (durable = true));
    answers.push(committer.append(received('c')));
    await tick();
    started[1]!.end();
    await tick();
    // The next commit (c) took the outcome, though it was not due; d keeps coming meanwhile.
    expect(started.map(({ batch }) => outcomeSeqs(batch))).toEqual([[], [], [1]]);
    answers.push(committer.append(received('d')));
    await tick();
    expect(durable).toBe(false);
    started[2]!.end();
    await waited;
    expect(inner.deliveriesAfter(0, 1)[0]?.status).toBe('applied');
    started[3]?.end();
    await Promise.all(answers);
    committer.stop();
  });

  it('given the commit holding the outcome fails, then it rejects, the outcome is queued again and the next ask commits it', async () => {
    const { store, started, inner } = manualStore();
    const committer = recording(store, 60_000);
    const first = committer.append(received('a'));
    await tick();
    started[0]!.end();
    await first;
    const waited = committer.durableThrough(1);
    await tick();
    expect(outcomeSeqs(started[1]!.batch)).toEqual([1]);
    started[1]!.fail(new Error('the store is away'));
    await expect(waited).rejects.toThrow(/away/);
    expect(inner.deliveriesAfter(0, 1)[0]?.status).toBeUndefined();
    const again = committer.durableThrough(1);
    await tick();
    expect(outcomeSeqs(started[2]!.batch)).toEqual([1]);
    started[2]!.end();
    await again;
    expect(inner.deliveriesAfter(0, 1)[0]?.status).toBe('applied');
    // Nothing at or below the position left: it resolves without a commit.
    await committer.durableThrough(1);
    expect(started).toHaveLength(3);
    committer.stop();
  });
});
