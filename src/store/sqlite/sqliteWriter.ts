// What one SQLite commit writes, shared by the store's own connection and its commit thread: the
// rows of a WriteBatch (batchRows.ts) in one transaction.
import type { Database } from 'better-sqlite3';
import { type BatchRows, type CheckpointRows, ownedLedgersText, type PruneRows } from '../batchRows.js';
import { checkPrune } from '../storeRules.js';

/** One transaction per call: returns the seqs of the rows' deliveries; throws having written nothing. */
export function prepareWriter(db: Database): (rows: BatchRows) => number[] {
  const insertDelivery = db.prepare('INSERT INTO deliveries (source, headers, body, received_at, operator) VALUES (?, ?, ?, ?, ?)');
  const recordOutcome = db.prepare('UPDATE deliveries SET status = ?, reason = ? WHERE seq = ?');
  const indexEntity = db.prepare('INSERT OR IGNORE INTO entity_deliveries (kind, id, seq) VALUES (?, ?, ?)');
  const keepDeadLetter = db.prepare('INSERT OR REPLACE INTO dead_letters (seq, status, reason, outcome) VALUES (?, ?, ?, ?)');
  const writeCheckpoint = checkpointWriter(db);
  const prune = pruner(db);

  return db.transaction((rows: BatchRows): number[] => {
    const seqs = rows.deliveries.map(({ source, headers, body, receivedAt, operator }) => {
      const blob = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      return Number(insertDelivery.run(source, headers, blob, receivedAt, operator).lastInsertRowid);
    });
    for (const { seq, status, reason, entities, deadLetter } of rows.outcomes) {
      if (recordOutcome.run(status, reason, seq).changes !== 1) throw new Error(`outcome for seq ${seq}, which is not in the log`);
      for (const { kind, id } of entities) indexEntity.run(kind, id, seq);
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
    for (const { kind, id, source, lastEventTime, view, ledgers: owned } of finished) {
      for (const ledger of owned) dropLedger.run(ledger.kind, ledger.id);
      keepFinished.run(kind, id, source, lastEventTime, takenAt, view, ownedLedgersText(owned));
    }
    for (const { kind, id, ledger } of ledgers) writeLedger.run(kind, id, ledger);
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
    for (const floor of floors) writeFloor.run(floor.kind, floor.id, floor.throughSeq, floor.ledger);
    for (const owned of oldFinished.all(finishedBefore) as string[]) {
      for (const [kind, id] of JSON.parse(owned) as [string, string][]) dropFloor.run(kind, id);
    }
    dropFinished.run(finishedBefore);
    setPrunedThrough.run(throughSeq);
  };
}
