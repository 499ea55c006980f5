// The embedded store: better-sqlite3 in WAL mode (DESIGN §6). Calls are synchronous, so a commit
// is one transaction that is on disk when `commit` returns; the group committer decides how many
// deliveries share it. With a commit thread, commits run on a worker's connection instead (reads
// stay here: WAL lets them see every committed transaction), and `beginCommit` lets the caller go
// on while the disk syncs.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { IngestOutcome, IngestStatus } from '../engine/outcome.js';
import type { EntityRef, SourceId } from '../events/canonical.js';
import { CommitThread } from './commitThread.js';
import { prepareDatabase } from './sqliteSchema.js';
import { type BatchRows, prepareWriter, toRows } from './sqliteWriter.js';
import { decodeSnapshot } from './snapshotCodec.js';
import type { LoggedDelivery, PendingCommit, Store, StoreCounts, StoredDeadLetter, StoredSnapshot, WriteBatch } from './store.js';

export interface SqliteStoreOptions {
  /** Commit on a worker thread, so that the event loop is free while a transaction syncs
   *  (the receiver's setting). Not for ':memory:', which a second connection cannot share. */
  commitThread?: boolean;
}

interface DeliveryRow {
  seq: number;
  source: string | null;
  headers: string;
  body: Buffer;
  received_at: number;
  status: string | null;
  reason: string | null;
}

interface DeadLetterRow extends DeliveryRow {
  dl_status: 'rejected' | 'late';
  dl_reason: string | null;
  outcome: string;
}

export class SqliteStore implements Store {
  private readonly db: Database;
  private readonly statements: Record<'deliveriesAfter' | 'historyOf' | 'latestSnapshot' | 'deadLetters', Statement>;
  private readonly write: (rows: BatchRows) => number[];
  private readonly thread: CommitThread | undefined;

  /** Opens (creating it and its folder if needed) the database at `path`; ':memory:' for a throwaway. */
  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path);
    prepareDatabase(this.db);
    const db = this.db;
    this.write = prepareWriter(db);
    const thread = options.commitThread && path !== ':memory:' ? new CommitThread(path) : undefined;
    if (thread) this.beginCommit = (batch) => thread.begin(toRows(batch));
    this.thread = thread;
    this.statements = {
      deliveriesAfter: db.prepare('SELECT * FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?'),
      historyOf: db.prepare(
        `SELECT d.* FROM entity_deliveries e JOIN deliveries d ON d.seq = e.seq
         WHERE e.kind = ? AND e.id = ? AND e.seq <= ? ORDER BY e.seq`,
      ),
      latestSnapshot: db.prepare('SELECT seq, taken_at, engine FROM snapshots ORDER BY seq DESC LIMIT 1'),
      deadLetters: db.prepare(
        `SELECT d.*, l.status AS dl_status, l.reason AS dl_reason, l.outcome FROM dead_letters l JOIN deliveries d ON d.seq = l.seq
         WHERE l.seq > ? ORDER BY l.seq LIMIT ?`,
      ),
    };
  }

  readonly beginCommit?: (batch: WriteBatch) => PendingCommit;

  commit(batch: WriteBatch): number[] {
    return this.beginCommit ? this.beginCommit(batch).result() : this.write(toRows(batch));
  }

  deliveriesAfter(after: number, limit: number): LoggedDelivery[] {
    return (this.statements.deliveriesAfter.all(after, limit) as DeliveryRow[]).map(toLogged);
  }

  historyOf(entity: EntityRef, upTo: number): LoggedDelivery[] {
    return (this.statements.historyOf.all(entity.kind, entity.id, upTo) as DeliveryRow[]).map(toLogged);
  }

  latestSnapshot(): StoredSnapshot | undefined {
    const row = this.statements.latestSnapshot.get() as { seq: number; taken_at: number; engine: string } | undefined;
    return row ? { seq: row.seq, takenAt: row.taken_at, engine: decodeSnapshot(row.engine) } : undefined;
  }

  deadLetters(after: number, limit: number): StoredDeadLetter[] {
    return (this.statements.deadLetters.all(after, limit) as DeadLetterRow[]).map((row) => ({
      seq: row.seq,
      status: row.dl_status,
      reason: row.dl_reason,
      outcome: JSON.parse(row.outcome) as IngestOutcome,
      delivery: toLogged(row),
    }));
  }

  counts(): StoreCounts {
    const count = (sql: string): number => (this.db.prepare(sql).pluck().get() as number | null) ?? 0;
    const snapshotSeq = this.db.prepare('SELECT max(seq) FROM snapshots').pluck().get() as number | null;
    return {
      deliveries: count('SELECT count(*) FROM deliveries'),
      deadLetters: count('SELECT count(*) FROM dead_letters'),
      lastSeq: count('SELECT max(seq) FROM deliveries'),
      snapshotSeq,
    };
  }

  close(): void {
    if (!this.db.open) return;
    this.thread?.close();
    this.db.close();
  }
}

function toLogged(row: DeliveryRow): LoggedDelivery {
  const logged: LoggedDelivery = {
    seq: row.seq,
    source: row.source as SourceId | null,
    headers: Object.assign(Object.create(null) as Record<string, string>, JSON.parse(row.headers)),
    body: row.body,
    receivedAt: row.received_at,
  };
  if (row.status !== null) logged.status = row.status as IngestStatus;
  if (row.reason !== null) logged.reason = row.reason;
  return logged;
}
