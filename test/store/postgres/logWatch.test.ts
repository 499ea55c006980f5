// How a receiver learns of other receivers' appends: a NOTIFY on commit, a poll when notifications
// are lost, and a LISTEN that comes back by itself after its connection is cut.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type LogWatch, watchLog } from '../../../src/store/postgres/logWatch.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { received } from '../feeds.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';

describeWithPostgres('PostgreSQL log watch', (database) => {
  let writer: PostgresStore;
  let reader: PostgresStore;
  const watches: LogWatch[] = [];

  beforeAll(async () => {
    writer = await PostgresStore.open(database.url);
    reader = await PostgresStore.open(database.url);
  });
  afterEach(async () => {
    await Promise.all(watches.splice(0).map((watch) => watch.close()));
  });
  afterAll(async () => {
    await writer.close();
    await reader.close();
  });

  /** A watch that records every head it is told of, and each change of its listening state. */
  function watch(pollMs: number) {
    const heads: number[] = [];
    const listening: boolean[] = [];
    const handle = watchLog({
      url: database.url,
      readHead: () => reader.head(),
      onHead: (seq) => heads.push(seq),
      onListening: (now) => listening.push(now),
      pollMs,
    });
    watches.push(handle);
    return { heads, listening, handle };
  }

  async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
    for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
      if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    }
  }

  it('is told of an append by its NOTIFY, with the newest position the append took', async () => {
    // Polling once a minute: only the notification can arrive within the test.
    const { heads, handle } = watch(60_000);
    await until(() => handle.listening && heads.length > 0, 'the watch to listen and read the head once');
    const seqs = await writer.commit({ deliveries: [received('{"a":1}'), received('{"a":2}')], outcomes: [] });
    await until(() => heads.includes(seqs[1]!), `a notification of ${seqs[1]}`);
  });

  it('finds an append whose notification never came, by polling the head', async () => {
    const { heads } = watch(50);
    // The head moves without a NOTIFY, as when a notification is lost.
    const [row] = await writer.sql<{ seq: string }[]>`UPDATE contactstate.log_head SET seq = seq + 1 RETURNING seq`;
    await until(() => heads.includes(Number(row!.seq)), 'the poll to find the new head');
    await writer.sql`UPDATE contactstate.log_head SET seq = seq - 1`;
  });

  it('listens again by itself after its connection is cut, and catches up on what was appended meanwhile', async () => {
    const { heads, listening, handle } = watch(100);
    await until(() => handle.listening, 'the watch to listen');
    await writer.sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'contactstate-watch' AND datname = current_database()`;
    await until(() => listening.includes(false), 'the watch to notice its connection is gone');
    const [seq] = await writer.commit({ deliveries: [received('{"while":"away"}')], outcomes: [] });
    await until(() => handle.listening && heads.includes(seq!), 'the watch to listen again and report the head');
    expect(listening).toEqual([true, false, true]);
    // And notifications flow again on the new connection.
    const [next] = await writer.commit({ deliveries: [received('{"after":"back"}')], outcomes: [] });
    await until(() => heads.includes(next!), `a notification of ${next}`);
  });
});
