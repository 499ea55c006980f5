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
