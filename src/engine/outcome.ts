// What happened to one delivery: the value `ingest` returns (errors are values at the boundary).
import type { EntityRef, SourceId } from '../events/canonical.js';
import type { LedgerOutcome } from '../ledger/entityLedger.js';
import type { PayloadIssue } from '../sources/adapter.js';

export type IngestStatus = LedgerOutcome | 'rejected' | 'ignored';

export const INGEST_STATUSES: readonly IngestStatus[] = [
  'applied',
  'reordered',
  'duplicate',
  'conflict',
  'late',
  'rejected',
  'ignored',
];

export interface IngestOutcome {
  status: IngestStatus;
  source: SourceId | null;
  /** The event id (vendor's or derived); absent when the payload could not be read. */
  eventId?: string;
  /** Why a delivery was rejected or ignored (naming the source and the failing field), or skewed. */
  reason?: string;
  /**
   * How many ms ahead of its receive time the delivery's most skewed event was, when more than
   * `maxFutureSkewMs`: it was folded into its entity but did not move its source's clock.
   */
  skewed?: number;
  /** The schema's issues for a rejected delivery. */
  issues?: PayloadIssue[];
  /** Per entity the delivery asserted something about, what its ledger did. */
  entities: { entity: EntityRef; status: LedgerOutcome }[];
}

/** The most telling entity status wins: a conflict or late event must not hide behind an applied one. */
const PRECEDENCE: readonly LedgerOutcome[] = ['conflict', 'late', 'reordered', 'applied', 'duplicate'];

export function combinedStatus(entities: readonly { status: LedgerOutcome }[]): LedgerOutcome {
  // Loops rather than find/some: two closures per delivery were garbage on the hot path.
  let best = PRECEDENCE.length - 1;
  for (const { status } of entities) best = Math.min(best, PRECEDENCE.indexOf(status));
  return PRECEDENCE[best]!;
}
