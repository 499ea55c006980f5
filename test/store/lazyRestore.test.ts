// A restart reads the checkpoint's ledger rows, not the ledgers: each row is decoded when its
// ledger is first touched (a delivery for the entity, a view read), and the views read after the
// restart are those the engine had, however few of its rows it has read.
import { expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine.js';
import { storePortOf } from '../../src/engine/storePort.js';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import type { Store } from '../../src/store/store.js';
import { type FreshStore, onEveryDurableStore } from './durableStores.js';
import { received, webexSample } from './feeds.js';
import { temporaryDatabases } from './tempDb.js';

const dbPath = temporaryDatabases();
const feed = webexSample().map(({ line }) => line);

/** The store, recording the entity of each checkpoint row the engine decodes. */
function countingDecodes(store: Store): { store: Store; decoded: string[] } {
  const decoded: string[] = [];
  const latestCheckpointRows = async () => {
    const rows = await store.latestCheckpointRows();
    const ledgers = rows?.ledgers.map(({ entity, decode }) => ({
      entity,
      decode: () => {
        decoded.push(`${entity.kind}:${entity.id}`);
        return decode();
      },
    }));
    return rows && { ...rows, ledgers: ledgers ?? [] };
  };
  return { store: Object.assign(Object.create(store) as Store, { latestCheckpointRows }), decoded };
}

const views = (engine: { agents(): unknown; tasks(): unknown }) => JSON.stringify({ agents: engine.agents(), tasks: engine.tasks() });

/** What one engine that never stopped makes of the lines. */
function reference(lines: string[]) {
  const engine = createEngine();
  for (const line of lines) engine.ingest({ source: 'webex', body: line });
  return engine;
}

async function sendAll(store: Store, lines: string[]): Promise<void> {
  const durable = await openDurableEngine({ store, checkpointEvery: 100 });
  for (let start = 0; start < lines.length; start += 64) await Promise.all(lines.slice(start, start + 64).map((line) => durable.receive(received(line))));
  await durable.close();
}

function lazyRestoreSpec(fresh: FreshStore): void {
  it('decodes no row at open, a delivery’s own entities’ rows as it is folded, and every row for a read of every view, which is the view it had', async () => {
    const reopen = await fresh();
    const last = feed.at(-1)!;
    await sendAll(await reopen(), feed.slice(0, -1));

    const { store, decoded } = countingDecodes(await reopen());
    const durable = await openDurableEngine({ store });
    expect(durable.status().replayedAtOpen).toBe(0);
    expect(decoded).toEqual([]);
    const rows = (await store.latestCheckpointRows())!.ledgers.length;
    expect(rows).toBeGreaterThan(10);

    await durable.receive(received(last));
    const named = storePortOf(createEngine())
      .eventsOf({ source: 'webex', body: last })
      .map(({ entity }) => `${entity.kind}:${entity.id}`);
    expect(decoded.length).toBeGreaterThan(0);
    expect(decoded.every((key) => named.includes(key))).toBe(true);

    expect(views(durable.engine)).toBe(views(reference(feed)));
    expect(decoded.length).toBe(rows);
    await durable.close();
  });

  it('writes a checkpoint after a restart that keeps the rows it did not read: the next restart has every view', async () => {
    const reopen = await fresh();
    const half = Math.floor(feed.length / 2);
    await sendAll(await reopen(), feed.slice(0, half));
    const { store, decoded } = countingDecodes(await reopen());
    await sendAll(store, feed.slice(half, half + 5));
    const probe = await reopen();
    const rows = (await probe.latestCheckpointRows())!.ledgers.length;
    await probe.close();
    expect(decoded.length).toBeGreaterThan(0);
    expect(decoded.length).toBeLessThan(rows);

    const reopened = await openDurableEngine({ store: await reopen() });
    expect(views(reopened.engine)).toBe(views(reference(feed.slice(0, half + 5))));
    await reopened.close();
  });
}

onEveryDurableStore('a restart', dbPath, lazyRestoreSpec);
