// What one SQLite commit writes, shared by the store's own connection and its commit thread. A
// WriteBatch is first turned into rows of plain values (text, numbers, bytes), which is also the
// form that crosses to the commit thread: nothing there depends on the engine's object shapes.
import type { Database } from 'better-sqlite3';
import { encodeSnapshot } from './snapshotCodec.js';
import { isDeadLetter, SNAPSHOTS_KEPT, type WriteBatch } from './store.js';

export interface BatchRows {
  /** source, headers (JSON), body, received at. */
  deliveries: [string | null, string, Uint8Array, number][];
  outcomes: OutcomeRow[];
  snapshot?: { seq: number; takenAt: number; engine: string };
}

interface OutcomeRow {
  seq: number;
  status: string;
  reason: string | null;
  /** kind, id of each entity the delivery named. */
  entities: [string, string][];
  /** The whole outcome as JSON, for a rejected or late delivery (the dead-letter keeps it). */
  deadLetter: string | null;
}

export function toRows(batch: WriteBatch): BatchRows {
  const rows: BatchRows = {
    // A copy of exactly the body's bytes: a request's body may be a view into a larger buffer,
    // all of which a transfer to the commit thread would otherwise copy.
    deliveries: batch.deliveries.map((delivery) => [delivery.source, JSON.stringify(delivery.headers), new Uint8Array(delivery.body), delivery.receivedAt]),
    outcomes: batch.outcomes.map(({ seq, outcome }) => ({
      seq,
      status: outcome.status,
      reason: outcome.reason ?? null,
      entities: outcome.entities.map(({ entity }) => [entity.kind, entity.id]),
      deadLetter: isDeadLetter(outcome.status) ? JSON.stringify(outcome) : null,
    })),
  };
  if (batch.snapshot) rows.snapshot = { ...batch.snapshot, engine: encodeSnapshot(batch.snapshot.engine) };
  return rows;
}

/** One transaction per call: returns the seqs of the rows' deliveries; throws having written nothing. */
export function prepareWriter(db: Database): (rows: BatchRows) => number[] {
  const insertDelivery = db.prepare('INSERT INTO deliveries (source, headers, body, received_at) VALUES (?, ?, ?, ?)');
  const recordOutcome = db.prepare('UPDATE deliveries SET status = ?, reason = ? WHERE seq = ?');
  const indexEntity = db.prepare('INSERT OR IGNORE INTO entity_deliveries (kind, id, seq) VALUES (?, ?, ?)');
  const keepDeadLetter = db.prepare('INSERT OR REPLACE INTO dead_letters (seq, status, reason, outcome) VALUES (?, ?, ?, ?)');
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (seq, taken_at, engine) VALUES (?, ?, ?)');
  const pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)');

  return db.transaction((rows: BatchRows): number[] => {
    const seqs = rows.deliveries.map(([source, headers, body, receivedAt]) => {
      const blob = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      return Number(insertDelivery.run(source, headers, blob, receivedAt).lastInsertRowid);
    });
    for (const { seq, status, reason, entities, deadLetter } of rows.outcomes) {
      if (recordOutcome.run(status, reason, seq).changes !== 1) throw new Error(`outcome for seq ${seq}, which is not in the log`);
      for (const [kind, id] of entities) indexEntity.run(kind, id, seq);
      if (deadLetter !== null) keepDeadLetter.run(seq, status, reason, deadLetter);
    }
    if (rows.snapshot) {
      const { seq, takenAt, engine } = rows.snapshot;
      insertSnapshot.run(seq, takenAt, engine);
      pruneSnapshots.run(SNAPSHOTS_KEPT);
    }
    return seqs;
  });
}
