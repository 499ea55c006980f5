// A delivery-log row as both database stores read it back (SQLite gives integers as numbers,
// PostgreSQL gives bigints as text), and the LoggedDelivery it becomes.
import type { IngestOutcome, IngestStatus } from '../engine/outcome.js';
import type { SourceId } from '../events/canonical.js';
import type { LoggedDelivery, OperatorRecord, StoredDeadLetter } from './store.js';

export interface DeliveryRow {
  seq: number | string;
  source: string | null;
  headers: string;
  body: Buffer;
  received_at: number | string;
  status: string | null;
  reason: string | null;
  /** An operator record (JSON), for a row that is one. */
  operator: string | null;
}

export interface DeadLetterRow extends DeliveryRow {
  dl_status: 'rejected' | 'late';
  dl_reason: string | null;
  outcome: string;
}

export function toLogged(row: DeliveryRow): LoggedDelivery {
  const logged: LoggedDelivery = {
    seq: Number(row.seq),
    source: row.source as SourceId | null,
    headers: Object.assign(Object.create(null) as Record<string, string>, JSON.parse(row.headers)),
    body: row.body,
    receivedAt: Number(row.received_at),
  };
  if (row.status !== null) logged.status = row.status as IngestStatus;
  if (row.reason !== null) logged.reason = row.reason;
  if (row.operator !== null) logged.operator = JSON.parse(row.operator) as OperatorRecord;
  return logged;
}

export function toDeadLetter(row: DeadLetterRow): StoredDeadLetter {
  return {
    seq: Number(row.seq),
    status: row.dl_status,
    reason: row.dl_reason,
    outcome: JSON.parse(row.outcome) as IngestOutcome,
    delivery: toLogged(row),
  };
}
