// The durable stores a durable-engine spec runs on: SQLite, and PostgreSQL (skipped loudly, or
// failed under CONTACTSTATE_REQUIRE_POSTGRES, where there is none). A spec gets `fresh`: each call
// makes a new empty store and returns how to open it (again, for a restart).
import { describe } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgresStore.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { Awaitable, Store } from '../../src/store/store.js';
import { emptiedDatabase } from '../support/postgres/databases.js';
import { describeWithPostgres } from '../support/postgres/testDatabase.js';

export type FreshStore = () => Promise<() => Awaitable<Store>>;

export function onEveryDurableStore(name: string, dbPath: () => string, spec: (fresh: FreshStore) => void): void {
  describe(`${name} on SQLite`, () =>
    spec(async () => {
      const path = dbPath();
      return () => new SqliteStore(path);
    }));
  describeWithPostgres(`${name} on PostgreSQL`, (database) =>
    spec(async () => {
      const url = await emptiedDatabase(database.url);
      return () => PostgresStore.open(url);
    }));
}
