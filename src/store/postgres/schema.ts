// The PostgreSQL store's tables, in a schema of their own (`contactstate`), so that they can live
// in the database a backend already has. A new version appends a step to MIGRATIONS
// (migrations.ts, frozen); the steps run at start-up in one transaction, under an advisory lock,
// so that several receivers starting at once run each step exactly once and none of them sees
// half a schema.
import type postgres from 'postgres';
import { MIGRATIONS } from './migrations.js';

export const SCHEMA = 'contactstate';

/** The channel on which each append announces the newest position it took. */
export const LOG_CHANNEL = 'contactstate_log';

/** Any constant will do, as long as nothing else in the database uses it: "ctst". */
const MIGRATION_LOCK = 0x63747374;

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema to SCHEMA_VERSION; returns the version it found. Refuses a newer schema. */
export async function migrate(sql: postgres.Sql): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx.unsafe(`
      CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
      CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (
        version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      );`).simple();
    const [row] = await tx<{ version: number }[]>`SELECT coalesce(max(version), 0)::int AS version FROM ${tx(SCHEMA)}.schema_migrations`;
    const found = row!.version;
    if (found > MIGRATIONS.length) {
      throw new Error(`the database has contactstate schema version ${found}, newer than this contactstate (${MIGRATIONS.length}): upgrade contactstate`);
    }
    for (let step = found; step < MIGRATIONS.length; step++) {
      await tx.unsafe(MIGRATIONS[step]!).simple();
      await tx`INSERT INTO ${tx(SCHEMA)}.schema_migrations (version) VALUES (${step + 1})`;
    }
    return found;
  });
}
