// What one commit writes, as rows of plain values (text, numbers, bytes), one named record per
// table row. Both backends write these (sqlite/sqliteWriter.ts, postgres/commitBatch.ts), and they are
// the form that crosses to the SQLite commit thread: nothing here depends on the engine's object
// shapes.
import { encodeSnapshot } from './snapshotCodec.js';
import { isDeadLetter, type WriteBatch } from './store.js';

export interface BatchRows {
  deliveries: DeliveryRecord[];
  outcomes: OutcomeRow[];
  checkpoint?: CheckpointRows;
  prune?: PruneRows;
}

interface DeliveryRecord {
  source: string | null;
  /** JSON. */
  headers: string;
  body: Uint8Array;
  receivedAt: number;
  /** The operator record, JSON, for a delivery that is one. */
  operator: string | null;
}

/** kind and id of an entity or a ledger. */
interface EntityKey {
  kind: string;
  id: string;
}

interface OutcomeRow {
  seq: number;
  status: string;
  reason: string | null;
  /** Each entity the delivery named. */
  entities: EntityKey[];
  /** The whole outcome as JSON, for a rejected or late delivery (the dead-letter keeps it). */
  deadLetter: string | null;
}

export interface CheckpointRows {
  seq: number;
  takenAt: number;
  /** The engine's meta, JSON. */
  engine: string;
  full: boolean;
  ledgers: (EntityKey & { ledger: string })[];
  finished: FinishedRecord[];
}

interface FinishedRecord extends EntityKey {
  source: string;
  lastEventTime: number;
  /** JSON. */
  view: string;
  /** The ledgers it owned, which leave the checkpoint with it. */
  ledgers: EntityKey[];
}

/** How a finished row stores the ledgers it owned: JSON, `[[kind, id], …]` (both schemas read it so). */
export const ownedLedgersText = (ledgers: readonly EntityKey[]): string => JSON.stringify(ledgers.map(({ kind, id }) => [kind, id]));

export interface PruneRows {
  throughSeq: number;
  floors: (EntityKey & { throughSeq: number; ledger: string })[];
  finishedBefore: number;
  deadLettersKept: number;
}

export function toRows(batch: WriteBatch): BatchRows {
  const rows: BatchRows = {
    deliveries: batch.deliveries.map((delivery) => ({
      source: delivery.source,
      headers: JSON.stringify(delivery.headers),
      // A copy of exactly the body's bytes: a request's body may be a view into a larger buffer,
      // all of which a transfer to the commit thread would otherwise copy.
      body: new Uint8Array(delivery.body),
      receivedAt: delivery.receivedAt,
      operator: delivery.operator ? JSON.stringify(delivery.operator) : null,
    })),
    outcomes: batch.outcomes.map(({ seq, outcome }) => ({
      seq,
      status: outcome.status,
      reason: outcome.reason ?? null,
      entities: outcome.entities.map(({ entity }) => ({ kind: entity.kind, id: entity.id })),
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
      ledgers: ledgers.map((ledger) => ({ kind: ledger.entity.kind, id: ledger.entity.id, ledger: encodeSnapshot(ledger) })),
      finished: finished.map((entity) => ({
        kind: entity.kind,
        id: entity.id,
        source: entity.source,
        lastEventTime: entity.lastEventTime,
        view: JSON.stringify(entity.view),
        ledgers: entity.ledgers.map(({ kind, id }) => ({ kind, id })),
      })),
    };
  }
  if (batch.prune) {
    const { throughSeq, floors, finishedBefore, deadLettersKept } = batch.prune;
    rows.prune = {
      throughSeq,
      floors: floors.map((floor) => ({ kind: floor.entity.kind, id: floor.entity.id, throughSeq: floor.throughSeq, ledger: encodeSnapshot(floor.ledger) })),
      finishedBefore,
      deadLettersKept,
    };
  }
  return rows;
}
