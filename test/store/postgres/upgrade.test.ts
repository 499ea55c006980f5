// A database written by an older contactstate is upgraded in place at start-up: it keeps its rows,
// the receiver that upgraded it commits through the newest `commit_batch`, and a receiver still
// running the older code (a rolling upgrade) keeps committing through the function it knows.
import { expect, it } from 'vitest';
import { connectPostgres } from '../../../src/store/postgres/connection.js';
import { MIGRATIONS } from '../../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { SCHEMA_VERSION } from '../../../src/store/postgres/schema.js';
import type { ReceivedDelivery } from '../../../src/store/store.js';
import { createDatabase, dropDatabase } from '../../support/postgres/databases.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';
import { applied, checkpoint, ledgersOf } from '../storeRecords.js';

/** The schema version whose receivers call `commit_batch` with 34 parallel arrays. */
const POSITIONAL = 2;

/** One delivery appended, with its outcome, through the 34-parameter function (as that code calls it). */
const POSITIONAL_COMMIT = `SELECT contactstate.commit_batch(
  ARRAY['webex'], ARRAY['{}'], ARRAY['\\x7b7d'::bytea], ARRAY[5::bigint], ARRAY[NULL::text],
  ARRAY[$1::bigint], ARRAY['applied'], ARRAY[NULL::text], ARRAY[NULL::text],
  ARRAY['task'], ARRAY[$2::text], ARRAY[$1::bigint],
  NULL, NULL, NULL, NULL, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}',
  NULL, NULL, NULL, '{}', '{}', '{}', '{}') AS last_seq`;

const delivery = (text: string): ReceivedDelivery => ({ source: 'webex', headers: {}, body: new TextEncoder().encode(text), receivedAt: 7 });

describeWithPostgres('upgrading a PostgreSQL database written by an older contactstate', (database) => {
  async function atPositionalVersion(): Promise<string> {
    const url = await createDatabase(database.serverUrl);
    const sql = connectPostgres(url);
    try {
      await sql.unsafe('CREATE SCHEMA contactstate; CREATE TABLE contactstate.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());').simple();
      for (const [step, text] of MIGRATIONS.slice(0, POSITIONAL).entries()) {
        await sql.unsafe(text).simple();
        await sql`INSERT INTO contactstate.schema_migrations (version) VALUES (${step + 1})`;
      }
      // Its receivers have logged a delivery for task t1 and recorded what it did.
      const [row] = await sql.unsafe<{ last_seq: string }[]>(POSITIONAL_COMMIT, [1, 't1']);
      expect(row!.last_seq).toBe('1');
    } finally {
      await sql.end();
    }
    return url;
  }

  it('given a database at version 2 with a logged delivery, when this contactstate opens it, then it is upgraded, keeps the delivery and commits after it', async () => {
    const url = await atPositionalVersion();
    const store = await PostgresStore.open(url);
    try {
      expect(SCHEMA_VERSION).toBeGreaterThan(POSITIONAL);
      expect(await store.commit({ deliveries: [delivery('{"a":1}')], outcomes: [] })).toEqual([2]);
      await store.commit({ deliveries: [], outcomes: [{ seq: 2, outcome: applied('t1') }], checkpoint: checkpoint(2, { ledgers: ledgersOf('t1') }) });
      const logged = await store.deliveriesAfter(0, 10);
      expect(logged.map(({ seq, status }) => ({ seq, status }))).toEqual([
        { seq: 1, status: 'applied' },
        { seq: 2, status: 'applied' },
      ]);
      expect(new TextDecoder().decode(logged[1]!.body)).toBe('{"a":1}');
      expect((await store.historyOf({ kind: 'task', id: 't1' }, 10)).map(({ seq }) => seq)).toEqual([1, 2]);
    } finally {
      await store.close();
      await dropDatabase(database.serverUrl, url);
    }
  });

  it('given an upgraded database, when a receiver still running the older code commits, then its delivery takes the next position', async () => {
    const url = await atPositionalVersion();
    const store = await PostgresStore.open(url);
    const older = connectPostgres(url);
    try {
      expect(await store.commit({ deliveries: [delivery('{}')], outcomes: [] })).toEqual([2]);
      const [row] = await older.unsafe<{ last_seq: string }[]>(POSITIONAL_COMMIT, [3, 't2']);
      expect(row!.last_seq).toBe('3');
      expect((await store.historyOf({ kind: 'task', id: 't2' }, 10)).map(({ seq }) => seq)).toEqual([3]);
    } finally {
      await older.end();
      await store.close();
      await dropDatabase(database.serverUrl, url);
    }
  });

  it('given an entity id that is not well-formed UTF-16 (a lone surrogate), when its outcome is committed, then the commit succeeds with U+FFFD in its place', async () => {
    const url = await createDatabase(database.serverUrl);
    const store = await PostgresStore.open(url);
    try {
      await store.commit({ deliveries: [delivery('{}')], outcomes: [{ seq: 1, outcome: applied('t\ud800\\ud800') }] });
      expect((await store.historyOf({ kind: 'task', id: 't\ufffd\\ud800' }, 10)).map(({ seq }) => seq)).toEqual([1]);
    } finally {
      await store.close();
      await dropDatabase(database.serverUrl, url);
    }
  });
});
