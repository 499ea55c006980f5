// What one SQLite commit writes, shared by the store's own connection and its commit thread. A
// WriteBatch is first turned into rows of plain values (text, numbers, bytes), which is also the
// form that crosses to the commit thread: nothing there depends on the engine's object shapes.
import type { Database } from 'better-sqlite3';
import { encodeSnapshot } from './snapshotCodec.js';
import { checkPrune } from './storeRules.js';
import { isDeadLetter, type WriteBatch } from './store.js';

export interface BatchRows {
  /** source, headers (JSON), body, received at, operator record (JSON) or null. */
  deliveries: [string | null, string, Uint8Array, number, string | null][];
  outcomes: OutcomeRow[];
  checkpoint?: CheckpointRows;
  prune?: PruneRows;
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

interface CheckpointRows {
  seq: number;
  takenAt: number;
  /** The engine's meta, JSON. */
  engine: string;
  full: boolean;
  /** kind, id, ledger JSON. */
  ledgers: [string, string, string][];
  /** kind, id, source, last event time, view JSON, the [kind, id] of its ledgers. */
  finished: [string, string, string, number, string, [string, string][]][];
}

interface PruneRows {
  throughSeq: number;
  /** kind, id, through seq, ledger JSON. */
  floors: [string, string, number, string][];
  finishedBefore: number;
  deadLettersKept: number;
}

export function toRows(batch: WriteBatch): BatchRows {
  const rows: BatchRows = {
    // A copy of exactly the body's bytes: a request's body may be a view into a larger buffer,
    // all of which a transfer to the commit thread would otherwise copy.
    deliveries: batch.deliveries.map((delivery) => [
      delivery.source,
      JSON.stringify(delivery.headers),
      new Uint8Array(delivery.body),
      delivery.receivedAt,
      delivery.operator ? JSON.stringify(delivery.operator) : null,
    ]),
    outcomes: batch.outcomes.map(({ seq, outcome }) => ({
      seq,
      status: outcome.status,
      reason: outcome.reason ?? null,
      entities: outcome.entities.map(({ entity }) => [entity.kind, entity.id]),
      deadLetter: isDeadLetter(outcome.status) ? JSON.stringify(outcome) : null,
    })),
  };
  if (batch.checkpoint) {
    const { seq, takenAt, engine } = batch.checkpoint;
    const { full, ledgers, finished, serial: _serial, ...meta } = engine;
    rows.checkpoint = {
      seq,
      takenAt,
      engine: encodeSnapshot(meta),
      full,
      ledgers: ledgers.map((ledger) => [ledger.entity.kind, ledger.entity.id, encodeSnapshot(ledger)]),
      finished: finished.map((entity) => [
        entity.kind,
        entity.id,
        entity.source,
        entity.lastEventTime,
        JSON.stringify(entity.view),
        entity.ledgers.map((ledger): [string, string] => [ledger.kind, ledger.id]),
      ]),
    };
  }
  if (batch.prune) {
    const { throughSeq, floors, finishedBefore, deadLettersKept } = batch.prune;
    rows.prune = {
      throughSeq,
      floors: floors.map((floor) => [floor.entity.kind, floor.entity.id, floor.throughSeq, encodeSnapshot(floor.ledger)]),
      finishedBefore,
      deadLettersKept,
    };
  }
  return rows;
}

/** One transaction per call: returns the seqs of the rows' deliveries; throws having written nothing. */
export function prepareWriter(db: Database): (rows: BatchRows) => number[] {
  const insertDelivery = db.prepare('INSERT INTO deliveries (source, headers, body, received_at, operator) VALUES (?, ?, ?, ?, ?)');
  const recordOutcome = db.prepare('UPDATE deliveries SET status = ?, reason = ? WHERE seq = ?');
  const indexEntity = db.prepare('INSERT OR IGNORE INTO entity_deliveries (kind, id, seq) VALUES (?, ?, ?)');
  const keepDeadLetter = db.prepare('INSERT OR REPLACE INTO dead_letters (seq, status, reason, outcome) VALUES (?, ?, ?, ?)');
  const writeCheckpoint = checkpointWriter(db);
  const prune = pruner(db);

  return db.transaction((rows: BatchRows): number[] => {
    const seqs = rows.deliveries.map(([source, headers, body, receivedAt, operator]) => {
      const blob = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      return Number(insertDelivery.run(source, headers, blob, receivedAt, operator).lastInsertRowid);
    });
    for (const { seq, status, reason, entities, deadLetter } of rows.outcomes) {
      if (recordOutcome.run(status, reason, seq).changes !== 1) throw new Error(`outcome for seq ${seq}, which is not in the log`);
      for (const [kind, id] of entities) indexEntity.run(kind, id, seq);
      if (deadLetter !== null) keepDeadLetter.run(seq, status, reason, deadLetter);
    }
    if (rows.checkpoint) writeCheckpoint(rows.checkpoint);
    if (rows.prune) prune(rows.prune);
    return seqs;
  });
}

function checkpointWriter(db: Database): (rows: CheckpointRows) => void {
  const dropLedgers = db.prepare('DELETE FROM ledgers');
  const dropLedger = db.prepare('DELETE FROM ledgers WHERE kind = ? AND id = ?');
  const keepFinished = db.prepare(
    'INSERT OR REPLACE INTO finished (kind, id, source, last_event_time, finished_at, view, ledgers) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const writeLedger = db.prepare('INSERT OR REPLACE INTO ledgers (kind, id, ledger) VALUES (?, ?, ?)');
  const writeMeta = db.prepare('INSERT OR REPLACE INTO checkpoint (id, seq, taken_at, engine) VALUES (1, ?, ?, ?)');
  return ({ seq, takenAt, engine, full, ledgers, finished }) => {
    if (full) dropLedgers.run();
    for (const [kind, id, source, lastEventTime, view, owned] of finished) {
      for (const [ledgerKind, ledgerId] of owned) dropLedger.run(ledgerKind, ledgerId);
      keepFinished.run(kind, id, source, lastEventTime, takenAt, view, JSON.stringify(owned));
    }
    for (const [kind, id, ledger] of ledgers) writeLedger.run(kind, id, ledger);
    writeMeta.run(seq, takenAt, engine);
  };
}

function pruner(db: Database): (rows: PruneRows) => void {
  const checkpointSeq = db.prepare('SELECT seq FROM checkpoint WHERE id = 1').pluck();
  const prunedThrough = db.prepare('SELECT pruned_through FROM log_state WHERE id = 1').pluck();
  const limitDeadLetters = db.prepare('DELETE FROM dead_letters WHERE seq NOT IN (SELECT seq FROM dead_letters ORDER BY seq DESC LIMIT ?)');
  const dropIndex = db.prepare('DELETE FROM entity_deliveries WHERE seq <= ?');
  const dropDeliveries = db.prepare('DELETE FROM deliveries WHERE seq <= ? AND seq NOT IN (SELECT seq FROM dead_letters)');
  const writeFloor = db.prepare('INSERT OR REPLACE INTO floors (kind, id, through_seq, ledger) VALUES (?, ?, ?, ?)');
  const oldFinished = db.prepare('SELECT ledgers FROM finished WHERE finished_at < ?').pluck();
  const dropFloor = db.prepare('DELETE FROM floors WHERE kind = ? AND id = ?');
  const dropFinished = db.prepare('DELETE FROM finished WHERE finished_at < ?');
  const setPrunedThrough = db.prepare('UPDATE log_state SET pruned_through = max(pruned_through, ?) WHERE id = 1');
  return ({ throughSeq, floors, finishedBefore, deadLettersKept }) => {
    checkPrune({ throughSeq, floors: [], finishedBefore, deadLettersKept }, (checkpointSeq.get() as number | undefined) ?? undefined);
    limitDeadLetters.run(deadLettersKept);
    dropIndex.run(throughSeq);
    // Also the deliveries of dead letters pruned earlier and dropped by the count only now.
    dropDeliveries.run(Math.max(throughSeq, prunedThrough.get() as number));
    for (const [kind, id, through, ledger] of floors) writeFloor.run(kind, id, through, ledger);
    for (const owned of oldFinished.all(finishedBefore) as string[]) {
      for (const [kind, id] of JSON.parse(owned) as [string, string][]) dropFloor.run(kind, id);
    }
    dropFinished.run(finishedBefore);
    setPrunedThrough.run(throughSeq);
  };
}
