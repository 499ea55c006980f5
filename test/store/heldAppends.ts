// A store whose appends a spec can hold, to force one interleaving of commits and folds: held
// before they are written (a slow round trip, an append queued behind another receiver's), or
// written and answered late. A commit without deliveries (outcomes only) is never held: it takes
// no position, so nothing queues it behind an append.
import type { Store, WriteBatch } from '../../src/store/store.js';

export type Holding = 'nothing' | 'writes' | 'answers';

export interface HeldAppends {
  readonly store: Store;
  /** What the appends that start from now on wait for. */
  hold(holding: Holding): void;
  /** Appends waiting now. */
  readonly held: number;
  /** Lets the oldest waiting append go on. */
  releaseOne(): void;
  /** Lets every waiting append go on, and holds none after them. */
  releaseAll(): void;
}

export function heldAppends(inner: Store): HeldAppends {
  let holding: Holding = 'nothing';
  const waiting: (() => void)[] = [];
  const gate = () => new Promise<void>((resolve) => waiting.push(resolve));
  const store: Store = Object.assign(Object.create(inner) as Store, {
    // Every commit goes through `commit`, so that each can be held.
    beginCommit: undefined,
    async commit(batch: WriteBatch) {
      const now = batch.deliveries.length > 0 ? holding : 'nothing';
      if (now === 'writes') await gate();
      const seqs = await inner.commit(batch);
      if (now === 'answers') await gate();
      return seqs;
    },
  });
  return {
    store,
    hold: (next) => void (holding = next),
    get held() {
      return waiting.length;
    },
    releaseOne: () => waiting.shift()?.(),
    releaseAll() {
      holding = 'nothing';
      for (const release of waiting.splice(0)) release();
    },
  };
}
