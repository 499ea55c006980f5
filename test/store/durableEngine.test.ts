// The engine behind the store: restart = checkpoint + log tail gives the same views, late events
// are placed exactly from the store, no delivery is answered before its commit.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { ENGINE_SNAPSHOT_VERSION } from '../../src/engine/engineTypes.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { Store } from '../../src/store/store.js';
import { disordered, received, webexSample } from './feeds.js';
import { temporaryDatabases } from './tempDb.js';

const dbPath = temporaryDatabases();

/** A store that can be made to die mid-flight, as a killed process's would: nothing more is written. */
function crashable(store: Store): Store & { crash(): void } {
  let dead = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'crash') return () => (dead = true);
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (dead) throw new Error('the process is gone');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Store & { crash(): void };
}

const views = (engine: { agents(): unknown; tasks(): unknown }) => JSON.stringify({ agents: engine.agents(), tasks: engine.tasks() });

/** Sends the lines `concurrency` at a time, as concurrent webhook requests would arrive. */
async function send(durable: DurableEngine, lines: string[], concurrency = 64) {
  const receipts = [];
  for (let start = 0; start < lines.length; start += concurrency) {
    receipts.push(...(await Promise.all(lines.slice(start, start + concurrency).map((line) => durable.receive(received(line))))));
  }
  return receipts;
}

describe('openDurableEngine', () => {
  it('restarts after a crash with the views it had: newest checkpoint + the log after it', async () => {
    const feed = disordered(webexSample(), 7).map((delivery) => delivery.line);
    const path = dbPath();
    const store = crashable(new SqliteStore(path));
    const durable = await openDurableEngine({ store, checkpointEvery: 700, now: () => 1 });
    await send(durable, feed);
    const before = views(durable.engine);
    store.crash(); // outcomes queued for the next transaction are lost with the process

    const reopened = await openDurableEngine({ store: new SqliteStore(path) });
    expect(reopened.status().replayedAtOpen).toBeGreaterThan(0);
    expect(reopened.status().replayedAtOpen).toBeLessThan(700);
    expect(views(reopened.engine)).toBe(before);
    // ... and the same as one uninterrupted engine fed the same deliveries.
    const reference = createEngine();
    for (const line of feed) reference.ingest({ source: 'webex', body: line });
    expect(views(reopened.engine)).toBe(views(reference));
    expect(reopened.engine.stats().outcomes).toEqual(reference.stats().outcomes);
    await reopened.close();
  });

  it('answers in log order, one transaction for the deliveries that arrive together, never before the commit', async () => {
    const inner = new MemoryStore();
    const committedSeqs = new Set<number>();
    const store: Store = Object.assign(Object.create(inner) as Store, {
      commit: (batch: Parameters<Store['commit']>[0]) => {
        const seqs = inner.commit(batch);
        for (const seq of seqs) committedSeqs.add(seq);
        return seqs;
      },
    });
    const durable = await openDurableEngine({ store });
    const lines = webexSample(200).map((delivery) => delivery.line);
    const answered: number[] = [];
    await Promise.all(
      lines.map((line) =>
        durable.receive(received(line)).then((receipt) => {
          expect(committedSeqs.has(receipt.seq)).toBe(true);
          answered.push(receipt.seq);
        }),
      ),
    );
    expect(answered).toEqual(lines.map((_, index) => index + 1));
    expect(durable.status().commits).toBe(1);
    expect(durable.status().committedDeliveries).toBe(200);
    await durable.close();
  });

  it('answers with an error when the commit fails, and folds nothing', async () => {
    const store = crashable(new MemoryStore());
    const durable = await openDurableEngine({ store });
    store.crash();
    await expect(durable.receive(received(webexSample(1)[0]!.line))).rejects.toThrow(/gone/);
    expect(durable.engine.agents()).toEqual([]);
  });

  it('places an event older than the compacted base exactly, from the entity history in the store', async () => {
    const lines = webexSample().map((delivery) => delivery.line);
    const held = lines.filter((_, index) => index % 50 === 7);
    const path = dbPath();
    const durable = await openDurableEngine({ store: new SqliteStore(path), engine: { horizonMs: 60_000 } });
    await send(durable, lines.filter((_, index) => index % 50 !== 7));
    const receipts = await send(durable, held, 1);
    expect(receipts.filter((receipt) => receipt.outcome.status === 'late').length).toBeGreaterThan(10);
    expect(durable.status().rebuilds).toBeGreaterThan(10);
    const reference = createEngine();
    for (const line of lines) reference.ingest({ source: 'webex', body: line });
    expect(views(durable.engine)).toBe(views(reference));
    expect(durable.engine.needingReconciliation().filter((entry) => entry.late > 0)).toEqual([]);
    const late = (await durable.store.deadLetters(0, 1000)).filter((letter) => letter.status === 'late');
    expect(late.length).toBe(receipts.filter((receipt) => receipt.outcome.status === 'late').length);
    await durable.close();

    const reopened = await openDurableEngine({ store: new SqliteStore(path), engine: { horizonMs: 60_000 } });
    expect(reopened.status().replayedAtOpen).toBe(0);
    expect(views(reopened.engine)).toBe(views(reference));
    await reopened.close();
  });

  it('refolds each delivery with its logged receive time: one stamped a day ahead stays skewed after a restart', async () => {
    const lines = webexSample(200).map((delivery) => delivery.line);
    const path = dbPath();
    const durable = await openDurableEngine({ store: new SqliteStore(path), checkpointEvery: 1_000_000 });
    await send(durable, lines.slice(0, 100));
    const now = (JSON.parse(lines[99]!) as { data: { createdTime: number } }).data.createdTime;
    const ahead = JSON.stringify(webhook.taskEvent('ahead', now + 86_400_000, 'task:new', 'tF'));
    expect((await durable.receive(received(ahead, now))).outcome.skewed).toBe(86_400_000);
    await send(durable, lines.slice(100));
    const before = { views: views(durable.engine), stats: durable.engine.stats() };
    await durable.flush();
    durable.store.close(); // no checkpoint: the reopened engine refolds the whole log

    const reopened = await openDurableEngine({ store: new SqliteStore(path) });
    expect(reopened.status().replayedAtOpen).toBe(201);
    expect(views(reopened.engine)).toBe(before.views);
    expect(reopened.engine.stats()).toEqual(before.stats);
    expect(reopened.engine.stats()).toMatchObject({ skewed: 1, outcomes: { late: 0 } });
    await reopened.close();
  });

  it('keeps a hostile delivery as a dead letter and still opens after it', async () => {
    const path = dbPath();
    const store = crashable(new SqliteStore(path));
    const durable = await openDurableEngine({ store });
    const deep = `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)},"b":"prototype"}`;
    const { outcome } = await durable.receive(received(deep));
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/deeper than 64/) });
    await durable.receive(received('{"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    store.crash();
    const reopened = await openDurableEngine({ store: new SqliteStore(path) });
    expect(reopened.status().replayedAtOpen).toBe(2);
    expect((await reopened.store.deadLetters(0, 10)).map((letter) => letter.status)).toEqual(['rejected', 'rejected']);
    expect(reopened.engine.stats().outcomes.rejected).toBe(2);
    await reopened.close();
  });

  /** Given: a SQLite store that received 300 deliveries and was closed; its path and the views it had. */
  async function closedStoreOf300() {
    const path = dbPath();
    const durable = await openDurableEngine({ store: new SqliteStore(path) });
    await send(durable, webexSample(300).map((delivery) => delivery.line));
    const before = views(durable.engine);
    await durable.close();
    return { path, before, durable };
  }

  it('writes a checkpoint at close, so the next open refolds nothing', async () => {
    const { path, before, durable } = await closedStoreOf300();
    await expect(durable.receive(received('{}'))).rejects.toThrow(/closed/);
    const reopened = await openDurableEngine({ store: new SqliteStore(path) });
    expect(reopened.status()).toMatchObject({ replayedAtOpen: 0, appliedSeq: 300 });
    expect(views(reopened.engine)).toBe(before);
    await reopened.close();
  });

  it('refolds the whole log when its newest checkpoint was written by another engine version', async () => {
    const { path, before } = await closedStoreOf300();
    const store = new SqliteStore(path);
    const { seq, takenAt, engine } = store.latestCheckpoint()!;
    // An older version's checkpoint, with a ledger row the refold must not keep.
    const stale = { entity: { kind: 'task', id: 'stale' } } as never;
    store.commit({ deliveries: [], outcomes: [], checkpoint: { seq, takenAt, engine: { ...engine, version: 1, serial: 1, full: false, ledgers: [stale], finished: [] } } });
    const reopened = await openDurableEngine({ store });
    expect(reopened.status()).toMatchObject({ replayedAtOpen: 300, appliedSeq: 300 });
    expect(views(reopened.engine)).toBe(before);
    const rewritten = store.latestCheckpoint()!;
    expect(rewritten.engine.version).toBe(ENGINE_SNAPSHOT_VERSION);
    expect(rewritten.ledgers.map((ledger) => ledger.entity.id).sort()).toEqual(reopened.engine.snapshot().ledgers.map((ledger) => ledger.entity.id).sort());
    await reopened.close();
  });
});
