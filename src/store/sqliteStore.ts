// The embedded store: better-sqlite3 in WAL mode (DESIGN §6). Calls are synchronous, so a commit
// is one transaction that is on disk when `commit` returns; the group committer decides how many
// deliveries share it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { IngestOutcome, IngestStatus } from '../engine/outcome.js';
import type { EntityRef, SourceId } from '../events/canonical.js';
import { prepareDatabase } from './sqliteSchema.js';
import { decodeSnapshot, encodeSnapshot } from './snapshotCodec.js';
import {
  isDeadLetter,
  type LoggedDelivery,
  SNAPSHOTS_KEPT,
  type Store,
  type StoreCounts,
  type StoredDeadLetter,
  type StoredSnapshot,
  type WriteBatch,
} from './store.js';

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
  private readonly statements: Record<
    | 'insertDelivery'
    | 'recordOutcome'
    | 'indexEntity'
    | 'keepDeadLetter'
    | 'insertSnapshot'
    | 'pruneSnapshots'
    | 'deliveriesAfter'
    | 'historyOf'
    | 'latestSnapshot'
    | 'deadLetters',
    Statement
  >;
  private readonly commitTransaction: (batch: WriteBatch) => number[];

  /** Opens (creating it and its folder if needed) the database at `path`; ':memory:' for a throwaway. */
  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path);
    prepareDatabase(this.db);
    const db = this.db;
    this.statements = {
      insertDelivery: db.prepare('INSERT INTO deliveries (source, headers, body, received_at) VALUES (?, ?, ?, ?)'),
      recordOutcome: db.prepare('UPDATE deliveries SET status = ?, reason = ? WHERE seq = ?'),
      indexEntity: db.prepare('INSERT OR IGNORE INTO entity_deliveries (kind, id, seq) VALUES (?, ?, ?)'),
      keepDeadLetter: db.prepare('INSERT OR REPLACE INTO dead_letters (seq, status, reason, outcome) VALUES (?, ?, ?, ?)'),
      insertSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (seq, taken_at, engine) VALUES (?, ?, ?)'),
      pruneSnapshots: db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)'),
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
    this.commitTransaction = db.transaction((batch: WriteBatch) => this.write(batch));
  }

  commit(batch: WriteBatch): number[] {
    return this.commitTransaction(batch);
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
    if (this.db.open) this.db.close();
  }

  /** Runs inside the transaction: an exception here rolls the whole batch back. */
  private write(batch: WriteBatch): number[] {
    const { statements } = this;
    const seqs = batch.deliveries.map((delivery) => {
      const body = Buffer.from(delivery.body.buffer, delivery.body.byteOffset, delivery.body.byteLength);
      const result = statements.insertDelivery.run(delivery.source, JSON.stringify(delivery.headers), body, delivery.receivedAt);
      return Number(result.lastInsertRowid);
    });
    for (const { seq, outcome } of batch.outcomes) {
      const updated = statements.recordOutcome.run(outcome.status, outcome.reason ?? null, seq);
      if (updated.changes !== 1) throw new Error(`outcome for seq ${seq}, which is not in the log`);
      for (const { entity } of outcome.entities) statements.indexEntity.run(entity.kind, entity.id, seq);
      if (isDeadLetter(outcome.status)) {
        statements.keepDeadLetter.run(seq, outcome.status, outcome.reason ?? null, JSON.stringify(outcome));
      }
    }
    if (batch.snapshot) {
      const { seq, takenAt, engine } = batch.snapshot;
      statements.insertSnapshot.run(seq, takenAt, encodeSnapshot(engine));
      statements.pruneSnapshots.run(SNAPSHOTS_KEPT);
    }
    return seqs;
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
