// Several receivers, one truth (DESIGN §6): durable engines on one PostgreSQL database take
// deliveries at the same time, each folds the whole shared log in one order, and each answers a
// delivery with the outcome after folding through that delivery's own position, so a duplicate is
// a duplicate on every receiver and every receiver shows the same views as one engine fed the log.
import { afterEach, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/createEngine.js';
import { type DurableEngine, openDurableEngine } from '../../../src/store/durableEngine.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { disordered, webexSample } from '../feeds.js';
import { roundRobin, views } from '../receivers.js';
import { createDatabase, dropDatabase } from '../../support/postgres/databases.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';

describeWithPostgres('receivers sharing one PostgreSQL log', (database) => {
  const open: DurableEngine[] = [];
  const databases: string[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((durable) => durable.close()));
    for (const url of databases.splice(0)) await dropDatabase(database.serverUrl, url);
  });

  async function freshLog(): Promise<string> {
    const url = await createDatabase(database.serverUrl);
    databases.push(url);
    return url;
  }

  async function receiver(url: string, options: { checkpointEvery?: number; horizonMs?: number } = {}): Promise<DurableEngine> {
    const durable = await openDurableEngine({
      store: await PostgresStore.open(url, { pollMs: 100 }),
      ...(options.checkpointEvery ? { checkpointEvery: options.checkpointEvery } : {}),
      ...(options.horizonMs ? { engine: { horizonMs: options.horizonMs } } : {}),
    });
    open.push(durable);
    return durable;
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
    }
  }

  /** One engine fed the shared log in position order: what every receiver must show and answer. */
  async function replayOf(url: string) {
    const store = await PostgresStore.open(url);
    const reference = createEngine();
    const outcomes = new Map<number, string>();
    for (const logged of await store.deliveriesAfter(0, 1_000_000)) {
      outcomes.set(logged.seq, reference.ingest({ source: logged.source ?? 'auto', headers: logged.headers, body: logged.body }).status);
    }
    await store.close();
    return { reference, outcomes };
  }

  it("a receiver alone folds its own deliveries from memory: its own commits' notifications read nothing back", async () => {
    const url = await freshLog();
    const store = await PostgresStore.open(url, { pollMs: 100 });
    const durable = await openDurableEngine({ store });
    open.push(durable);
    let readBack = 0;
    const read = store.deliveriesAfter.bind(store);
    store.deliveriesAfter = async (after, limit) => {
      const page = await read(after, limit);
      readBack += page.length;
      return page;
    };
    const lines = webexSample(1500).map((delivery) => delivery.line);
    // 12 in flight: commits follow each other, and each one's NOTIFY races its answer.
    await roundRobin([durable], lines, 12);
    await durable.flush();
    expect(durable.status().appliedSeq).toBe(lines.length);
    expect(readBack).toBe(0);
  });

  it('three receivers taking a disordered, duplicated feed in turn all show what one engine fed the log shows', async () => {
    const url = await freshLog();
    const receivers = [await receiver(url), await receiver(url), await receiver(url)];
    const feed = disordered(webexSample(1500), 3).map((delivery) => delivery.line);
    // Every delivery sent twice, the second time to another receiver: a vendor's retry.
    const lines = feed.flatMap((line) => [line, line]);
    const receipts = await roundRobin(receivers, lines);

    const { reference, outcomes } = await replayOf(url);
    expect(outcomes.size).toBe(lines.length);
    await until(() => receivers.every((durable) => durable.status().appliedSeq === lines.length), 'every receiver to fold the whole log');
    for (const durable of receivers) expect(views(durable.engine)).toBe(views(reference));
    // Each answer is the outcome at the delivery's own position in the one order.
    for (const receipt of receipts) expect(receipt.outcome.status).toBe(outcomes.get(receipt.seq));
    expect(receipts.filter((receipt) => receipt.outcome.status === 'duplicate').length).toBeGreaterThanOrEqual(feed.length);
  });

  it('places an event older than the base exactly on every receiver, from the history others recorded too', async () => {
    const url = await freshLog();
    const receivers = [await receiver(url, { horizonMs: 60_000 }), await receiver(url, { horizonMs: 60_000 })];
    const lines = webexSample(1200).map((delivery) => delivery.line);
    const held = lines.filter((_, index) => index % 50 === 7);
    await roundRobin(receivers, lines.filter((_, index) => index % 50 !== 7));
    const receipts = await roundRobin(receivers, held, 1);
    expect(receipts.filter((receipt) => receipt.outcome.status === 'late').length).toBeGreaterThan(5);

    const all = createEngine();
    for (const line of lines) all.ingest({ source: 'webex', body: line });
    await until(() => receivers.every((durable) => durable.status().appliedSeq === lines.length), 'every receiver to fold the whole log');
    for (const durable of receivers) {
      expect(views(durable.engine)).toBe(views(all));
      expect(durable.status().rebuilds).toBeGreaterThan(5);
    }
  });

  it('a receiver that starts late, or restarts, takes the newest snapshot any receiver wrote and folds the log after it', async () => {
    const url = await freshLog();
    const first = await receiver(url, { checkpointEvery: 400 });
    const feed = webexSample(1000).map((delivery) => delivery.line);
    await roundRobin([first], feed.slice(0, 900));
    const late = await receiver(url);
    expect(late.status().replayedAtOpen).toBeLessThan(400);
    await roundRobin([first, late], feed.slice(900));
    await until(() => [first, late].every((durable) => durable.status().appliedSeq === feed.length), 'both to fold the whole log');
    expect(views(late.engine)).toBe(views(first.engine));
  });
});
