// The PostgreSQL schema's migrations: run at start-up, once, whole, and safely by several
// receivers starting at the same moment.
import { expect, it } from 'vitest';
import { connectPostgres } from '../../../src/store/postgres/connection.js';
import { migrate, SCHEMA_VERSION } from '../../../src/store/postgres/schema.js';
import { createDatabase, dropDatabase } from '../../support/postgres/databases.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';

describeWithPostgres('PostgreSQL schema migrations', (database) => {
  async function withFreshDatabase(work: (url: string) => Promise<void>): Promise<void> {
    const url = await createDatabase(database.serverUrl);
    try {
      await work(url);
    } finally {
      await dropDatabase(database.serverUrl, url);
    }
  }

  it('creates the schema on an empty database, and finds it done the second time', () =>
    withFreshDatabase(async (url) => {
      const sql = connectPostgres(url);
      try {
        expect(await migrate(sql)).toBe(0);
        expect(await migrate(sql)).toBe(SCHEMA_VERSION);
        const versions = await sql<{ version: number }[]>`SELECT version FROM contactstate.schema_migrations ORDER BY version`;
        expect(versions.map((row) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
        const [head] = await sql<{ seq: string }[]>`SELECT seq FROM contactstate.log_head`;
        expect(head!.seq).toBe('0');
      } finally {
        await sql.end();
      }
    }));

  it('runs each step once when several receivers start at the same moment', () =>
    withFreshDatabase(async (url) => {
      const pools = Array.from({ length: 4 }, () => connectPostgres(url, { max: 1 }));
      try {
        const found = await Promise.all(pools.map((sql) => migrate(sql)));
        // Exactly one of them found an empty database; the others waited for it and found it done.
        expect(found.filter((version) => version === 0)).toHaveLength(1);
        expect(found.filter((version) => version === SCHEMA_VERSION)).toHaveLength(3);
        const [{ heads }] = (await pools[0]!`SELECT count(*)::int AS heads FROM contactstate.log_head`) as unknown as [{ heads: number }];
        expect(heads).toBe(1);
      } finally {
        await Promise.all(pools.map((sql) => sql.end()));
      }
    }));

  it('refuses a database whose schema is newer than this contactstate, and changes nothing', () =>
    withFreshDatabase(async (url) => {
      const sql = connectPostgres(url);
      try {
        await migrate(sql);
        await sql`INSERT INTO contactstate.schema_migrations (version) VALUES (${SCHEMA_VERSION + 1})`;
        await expect(migrate(sql)).rejects.toThrow(/newer than this contactstate/);
        const [row] = await sql<{ version: number }[]>`SELECT max(version)::int AS version FROM contactstate.schema_migrations`;
        expect(row!.version).toBe(SCHEMA_VERSION + 1);
      } finally {
        await sql.end();
      }
    }));

  it('leaves no half schema when a step fails: the whole migration rolls back', () =>
    withFreshDatabase(async (url) => {
      const sql = connectPostgres(url);
      try {
        // A table in the way of the first step's CREATE TABLE makes that step fail part-way.
        await sql.unsafe('CREATE SCHEMA contactstate; CREATE TABLE contactstate.dead_letters (x int)').simple();
        await expect(migrate(sql)).rejects.toThrow(/already exists/);
        const tables = await sql<{ name: string }[]>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'contactstate' ORDER BY 1`;
        expect(tables.map((table) => table.name)).toEqual(['dead_letters']);
      } finally {
        await sql.end();
      }
    }));
});
