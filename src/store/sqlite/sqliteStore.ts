// The embedded store: better-sqlite3 in WAL mode (DESIGN §6). Calls are synchronous, so a commit
// is one transaction that is on disk when `commit` returns; the group committer decides how many
// deliveries share it. With a commit thread, commits run on a worker's connection instead (reads
// stay here: WAL lets them see every committed transaction), and `beginCommit` lets the caller go
// on while the disk syncs.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { EngineMeta } from '../../engine/checkpoints.js';
import type { FinishedEntity, Tombstone } from '../../engine/finished.js';
import type { EntityRef, SourceId } from '../../events/canonical.js';
import { CommitThread } from './commitThread.js';
import { type DeadLetterRow, type DeliveryRow, toDeadLetter, toLogged } from '../loggedRows.js';
import { prepareDatabase } from './sqliteSchema.js';
import { type BatchRows, toRows } from '../batchRows.js';
import { prepareWriter } from './sqliteWriter.js';
import { decodeSnapshot, type LedgerTextRow, ledgerRow } from '../snapshotCodec.js';
import { decodedCheckpoint } from '../store.js';
import type { CheckpointRows, LoggedDelivery, PendingCommit, Store, StoreCounts, StoredCheckpoint, StoredDeadLetter, StoredFloor, WriteBatch } from '../store.js';

export interface SqliteStoreOptions {
  /** Commit on a worker thread, so that the event loop is free while a transaction syncs
   *  (the receiver's setting). Not for ':memory:', which a second connection cannot share. */
  commitThread?: boolean;
}

interface FinishedRow {
  kind: FinishedEntity['kind'];
  id: string;
  source: SourceId;
  last_event_time: number;
  view: string;
  ledgers: string;
}

type Query =
  | 'deliveriesAfter'
  | 'historyOf'
  | 'floorOf'
  | 'prunedThrough'
  | 'checkpoint'
  | 'ledgers'
  | 'finished'
  | 'finishedSince'
  | 'deadLetters';

export class SqliteStore implements Store {
  private readonly db: Database;
  private readonly statements: Record<Query, Statement>;
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
      floorOf: db.prepare('SELECT through_seq, ledger FROM floors WHERE kind = ? AND id = ?'),
      prunedThrough: db.prepare('SELECT pruned_through FROM log_state WHERE id = 1').pluck(),
      checkpoint: db.prepare('SELECT seq, taken_at, engine FROM checkpoint WHERE id = 1'),
      ledgers: db.prepare('SELECT kind, id, ledger FROM ledgers'),
      finished: db.prepare('SELECT * FROM finished WHERE kind = ? AND id = ?'),
      finishedSince: db.prepare('SELECT kind, id, source, last_event_time FROM finished WHERE last_event_time >= ?'),
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

  floorOf(entity: EntityRef): StoredFloor | undefined {
    const row = this.statements.floorOf.get(entity.kind, entity.id) as { through_seq: number; ledger: string } | undefined;
    return row ? { entity: { kind: entity.kind, id: entity.id }, throughSeq: row.through_seq, ledger: decodeSnapshot(row.ledger) } : undefined;
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    return decodedCheckpoint(this.latestCheckpointRows());
  }

  latestCheckpointRows(): CheckpointRows | undefined {
    // One read transaction: the meta and the rows of the same checkpoint.
    return this.db.transaction(() => {
      const row = this.statements.checkpoint.get() as { seq: number; taken_at: number; engine: string } | undefined;
      if (!row) return undefined;
      const ledgers = (this.statements.ledgers.all() as LedgerTextRow[]).map(ledgerRow);
      return { seq: row.seq, takenAt: row.taken_at, engine: decodeSnapshot<EngineMeta>(row.engine), ledgers };
    })();
  }

  finished(kind: FinishedEntity['kind'], id: string): FinishedEntity | undefined {
    const row = this.statements.finished.get(kind, id) as FinishedRow | undefined;
    if (!row) return undefined;
    return {
      ...tombstoneOf(row),
      view: JSON.parse(row.view) as FinishedEntity['view'],
      ledgers: (JSON.parse(row.ledgers) as [FinishedEntity['ledgers'][number]['kind'], string][]).map(([ledgerKind, ledgerId]) => ({ kind: ledgerKind, id: ledgerId })),
    };
  }

  finishedSince(lastEventTime: number): Tombstone[] {
    return (this.statements.finishedSince.all(lastEventTime) as FinishedRow[]).map(tombstoneOf);
  }

  deadLetters(after: number, limit: number): StoredDeadLetter[] {
    return (this.statements.deadLetters.all(after, limit) as DeadLetterRow[]).map(toDeadLetter);
  }

  prunedThrough(): number {
    return this.statements.prunedThrough.get() as number;
  }

  counts(): StoreCounts {
    const count = (sql: string): number => (this.db.prepare(sql).pluck().get() as number | null) ?? 0;
    const checkpointSeq = this.db.prepare('SELECT seq FROM checkpoint WHERE id = 1').pluck().get() as number | undefined;
    return {
      deliveries: count('SELECT count(*) FROM deliveries'),
      deadLetters: count('SELECT count(*) FROM dead_letters'),
      // AUTOINCREMENT never reuses a seq: the largest ever given, even once pruned.
      lastSeq: count("SELECT seq FROM sqlite_sequence WHERE name = 'deliveries'"),
      checkpointSeq: checkpointSeq ?? null,
      prunedThrough: this.prunedThrough(),
      ledgers: count('SELECT count(*) FROM ledgers'),
      finished: count('SELECT count(*) FROM finished'),
      floors: count('SELECT count(*) FROM floors'),
    };
  }

  close(): void {
    if (!this.db.open) return;
    this.thread?.close();
    this.db.close();
  }
}

const tombstoneOf = (row: Pick<FinishedRow, 'kind' | 'id' | 'source' | 'last_event_time'>): Tombstone => ({
  kind: row.kind,
  id: row.id,
  source: row.source,
  lastEventTime: row.last_event_time,
});
