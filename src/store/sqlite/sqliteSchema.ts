// The SQLite store's tables, and the pragmas that make a commit durable. A new version of the
// schema appends a step to MIGRATIONS; `user_version` says how many have run.
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `
  -- The delivery log: every delivery that passed its signature check, in commit order.
  CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    status TEXT,
    reason TEXT
  );
  -- Which deliveries asserted something about an entity: its history, to refold it exactly.
  CREATE TABLE entity_deliveries (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (kind, id, seq)
  ) WITHOUT ROWID;
  -- Rejected and late deliveries, with the outcome that says why.
  CREATE TABLE dead_letters (
    seq INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT,
    outcome TEXT NOT NULL
  );
  -- Engine snapshots: a restart loads the newest and refolds the log after its seq.
  CREATE TABLE snapshots (
    seq INTEGER PRIMARY KEY,
    taken_at INTEGER NOT NULL,
    engine TEXT NOT NULL
  );
  `,
  `
  -- Operator records (a reconcile) are logged among the deliveries: no body of their own.
  ALTER TABLE deliveries ADD COLUMN operator TEXT;
  -- Whole-engine snapshots give way to checkpoints proportional to change (the log is refolded
  -- once at the first start after this migration).
  DROP TABLE snapshots;
  -- The newest checkpoint: the engine's meta (one row), and one row per live ledger, rewritten
  -- only when that ledger changed.
  CREATE TABLE checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    taken_at INTEGER NOT NULL,
    engine TEXT NOT NULL
  );
  CREATE TABLE ledgers (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ledger TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- Entities that left memory: their final view, to answer for them by id.
  CREATE TABLE finished (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    last_event_time INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    view TEXT NOT NULL,
    ledgers TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX finished_by_last_event ON finished (last_event_time);
  CREATE INDEX finished_by_age ON finished (finished_at);
  -- Per entity, its state folded from the deliveries a prune removed.
  CREATE TABLE floors (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    through_seq INTEGER NOT NULL,
    ledger TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- How far the log has been pruned.
  CREATE TABLE log_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pruned_through INTEGER NOT NULL
  );
  INSERT INTO log_state (id, pruned_through) VALUES (1, 0);
  `,
];

/** The settings of every connection that writes (the store's own and its commit thread's). */
export function configureConnection(db: Database): void {
  // WAL: readers (the state API, an operator's sqlite3 shell) never block the writer.
  db.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives a power cut, not only a crash of this process;
  // group commit pays the fsync once per batch.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}

export function prepareDatabase(db: Database): void {
  configureConnection(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`the database has schema version ${version}, newer than this contactstate (${MIGRATIONS.length})`);
  }
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}
