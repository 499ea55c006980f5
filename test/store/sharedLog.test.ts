// Several receivers, one log (DESIGN §6), on the in-memory store shared by durable engines in one
// process: each takes deliveries at the same time, folds the whole log (others' deliveries too) in
// one order, and answers a delivery with the outcome after folding through its own position, so a
// duplicate is a duplicate on every receiver and every receiver shows the views of one engine fed
// the log. (PostgreSQL is the store that makes this real across processes.)
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store, WriteBatch } from '../../src/store/store.js';
import { disordered, webexSample } from './feeds.js';
import { roundRobin, views } from './receivers.js';

/** One log, seen by each receiver through a store of its own that is told of every append (as a NOTIFY would, a moment later). */
function sharedLog() {
  const log = new MemoryStore();
  const watchers = new Set<(seq: number) => void>();
  const storeFor = (): Store =>
    Object.assign(Object.create(log) as Store, {
      commit(batch: WriteBatch) {
        const seqs = log.commit(batch);
        const head = log.counts().lastSeq;
        if (seqs.length > 0) setImmediate(() => watchers.forEach((watcher) => watcher(head)));
        return seqs;
      },
      watch(onHead: (seq: number) => void) {
        watchers.add(onHead);
        return { close: () => void watchers.delete(onHead) };
      },
      close: () => undefined,
    });
  return { log, storeFor };
}

describe('receivers sharing one log', () => {
  const open: DurableEngine[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((durable) => durable.close()));
  });

  async function receiver(store: Store, options: { horizonMs?: number; checkpointEvery?: number } = {}): Promise<DurableEngine> {
    const durable = await openDurableEngine({
      store,
      checkpointEvery: options.checkpointEvery ?? 1_000_000,
      ...(options.horizonMs ? { engine: { horizonMs: options.horizonMs } } : {}),
    });
    open.push(durable);
    return durable;
  }

  async function folded(receivers: DurableEngine[], seq: number): Promise<void> {
    for (const started = Date.now(); !receivers.every((durable) => durable.status().appliedSeq === seq); await new Promise((resolve) => setTimeout(resolve, 5))) {
      if (Date.now() - started > 10_000) throw new Error(`the receivers did not fold through ${seq}`);
    }
  }

  it('three receivers taking a disordered feed, every delivery twice on different receivers, all show one engine fed the log', async () => {
    const { log, storeFor } = sharedLog();
    const receivers = [await receiver(storeFor()), await receiver(storeFor()), await receiver(storeFor())];
    const feed = disordered(webexSample(1500), 3).map((delivery) => delivery.line);
    const lines = feed.flatMap((line) => [line, line]);
    const receipts = await roundRobin(receivers, lines);
    await folded(receivers, lines.length);

    const reference = createEngine();
    const outcomes = log.deliveriesAfter(0, 1_000_000).map((logged) => reference.ingest({ source: 'webex', body: logged.body }).status);
    for (const durable of receivers) expect(views(durable.engine)).toBe(views(reference));
    // Each answer is the outcome at the delivery's own position in the one order.
    expect(receipts.map((receipt) => receipt.outcome.status)).toEqual(receipts.map((receipt) => outcomes[receipt.seq - 1]));
    expect(receipts.filter((receipt) => receipt.outcome.status === 'duplicate').length).toBeGreaterThanOrEqual(feed.length);
  });

  it('places an event older than the base exactly on every receiver, from the history all of them record', async () => {
    const { storeFor } = sharedLog();
    const receivers = [await receiver(storeFor(), { horizonMs: 60_000 }), await receiver(storeFor(), { horizonMs: 60_000 })];
    const lines = webexSample(1200).map((delivery) => delivery.line);
    await roundRobin(receivers, lines.filter((_, index) => index % 50 !== 7));
    const receipts = await roundRobin(receivers, lines.filter((_, index) => index % 50 === 7), 1);
    expect(receipts.filter((receipt) => receipt.outcome.status === 'late').length).toBeGreaterThan(5);
    await folded(receivers, lines.length);
    const all = createEngine();
    for (const line of lines) all.ingest({ source: 'webex', body: line });
    for (const durable of receivers) {
      expect(views(durable.engine)).toBe(views(all));
      expect(durable.status().rebuilds).toBeGreaterThan(5);
    }
  });

  it('a receiver that starts later takes the newest checkpoint and folds the log after it', async () => {
    const { storeFor } = sharedLog();
    const first = await receiver(storeFor(), { checkpointEvery: 400 });
    const feed = webexSample(1000).map((delivery) => delivery.line);
    await roundRobin([first], feed.slice(0, 900));
    const late = await receiver(storeFor());
    expect(late.status().replayedAtOpen).toBeLessThan(400);
    await roundRobin([first, late], feed.slice(900));
    await folded([first, late], feed.length);
    expect(views(late.engine)).toBe(views(first.engine));
  });
});
