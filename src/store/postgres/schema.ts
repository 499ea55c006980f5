// The PostgreSQL store's tables, in a schema of their own (`contactstate`), so that they can live
// in the database a backend already has. A new version appends a step to MIGRATIONS; the steps
// run at start-up in one transaction, under an advisory lock, so that several receivers starting
// at once run each step exactly once and none of them sees half a schema.
import { commitFunction } from './commitBatch.js';
import type { Sql } from './connection.js';

export const SCHEMA = 'contactstate';

/** The channel on which each append announces the newest position it took. */
export const LOG_CHANNEL = 'contactstate_log';

/** Any constant will do, as long as nothing else in the database uses it: "ctst". */
const MIGRATION_LOCK = 0x63747374;

const MIGRATIONS: readonly string[] = [
  `
  -- The newest position taken in the log. Appends update this one row first, so they are
  -- serialised: positions are given in commit order, without gaps, and a reader that has seen a
  -- position has seen every one below it (see postgresStore.ts, "Why serialised appends").
  CREATE TABLE ${SCHEMA}.log_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq bigint NOT NULL
  );
  INSERT INTO ${SCHEMA}.log_head (seq) VALUES (0);
  -- The delivery log: every delivery that passed its signature check, by global position.
  CREATE TABLE ${SCHEMA}.deliveries (
    seq bigint PRIMARY KEY,
    source text,
    headers text NOT NULL,
    body bytea NOT NULL,
    received_at bigint NOT NULL,
    status text,
    reason text,
    -- An operator record (a reconcile), JSON, for a row that is one.
    operator text
  );
  -- Which deliveries asserted something about an entity: its history, to refold it exactly.
  CREATE TABLE ${SCHEMA}.entity_deliveries (
    kind text NOT NULL,
    id text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (kind, id, seq)
  );
  -- Rejected and late deliveries, with the outcome that says why (JSON text: jsonb refuses \\u0000).
  CREATE TABLE ${SCHEMA}.dead_letters (
    seq bigint PRIMARY KEY,
    status text NOT NULL,
    reason text,
    outcome text NOT NULL
  );
  `,
  `
  -- The newest checkpoint: the engine's meta (one row), and one row per live ledger, rewritten only
  -- when that ledger changed. Several receivers write it; a checkpoint older than the one stored is
  -- not written (see postgresStore.ts, "Checkpoints from several receivers").
  CREATE TABLE ${SCHEMA}.checkpoint (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq bigint NOT NULL,
    taken_at bigint NOT NULL,
    engine text NOT NULL,
    -- How far the log has been pruned (a prune needs a checkpoint that covers it).
    pruned_through bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE ${SCHEMA}.ledgers (
    kind text NOT NULL,
    id text NOT NULL,
    ledger text NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- Entities that left memory: their final view, to answer for them by id.
  CREATE TABLE ${SCHEMA}.finished (
    kind text NOT NULL,
    id text NOT NULL,
    source text NOT NULL,
    last_event_time bigint NOT NULL,
    finished_at bigint NOT NULL,
    view text NOT NULL,
    ledgers text NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX finished_by_last_event ON ${SCHEMA}.finished (last_event_time);
  CREATE INDEX finished_by_age ON ${SCHEMA}.finished (finished_at);
  -- Per entity, its state folded from the deliveries a prune removed.
  CREATE TABLE ${SCHEMA}.floors (
    kind text NOT NULL,
    id text NOT NULL,
    through_seq bigint NOT NULL,
    ledger text NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- A commit is one call of this function: one statement, atomic by itself (commitBatch.ts).
  ${commitFunction(SCHEMA, LOG_CHANNEL)}
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema to SCHEMA_VERSION; returns the version it found. Refuses a newer schema. */
export async function migrate(sql: Sql): Promise<number> {
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
