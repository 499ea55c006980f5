// What one entity's ledger holds, shared by the functions that work on it (ingest, compaction,
// reconcile, persistence): each is one concept in its own file, `EntityLedger` ties them together.
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import type { EventIds } from './eventIds.js';
import type { FoldTimeline } from './foldTimeline.js';
import type { LedgerFold } from './ledgerFold.js';

export interface LedgerState {
  readonly entity: EntityRef;
  readonly fold: LedgerFold;
  readonly timeline: FoldTimeline;
  readonly ids: EventIds;
  /** The latest `asOf` of the reconciles placed: an event at or before it is absorbed by one. */
  reconciledThrough: number | null;
  /** Reconciles placed so far: numbers the next, so that a later reconcile at the same instant wins. */
  reconcileCount: number;
  /** Events older than the base: kept, reported, never folded (DESIGN §4.4). */
  late: CanonicalEvent[];
  needsReconciliation: boolean;
  /** The source of the entity's latest event: whose clock compacts it. */
  source: SourceId | null;
}
