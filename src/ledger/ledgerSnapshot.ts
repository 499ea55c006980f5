// A ledger as plain JSON (part of the engine snapshot and of a checkpoint): the base as the machine
// persists it, the events and reconciles still in the timeline (refolded on restore), the dedupe
// window and the late events.
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import type { EventKey } from './eventKey.js';
import type { LedgerState } from './ledgerState.js';

export interface PersistedReconcile {
  key: EventKey;
  asOf: number;
  reason: string;
  /** The authoritative snapshot, as the machine persists it. */
  authority: unknown;
}

export interface LedgerSnapshot {
  entity: EntityRef;
  source: SourceId | null;
  /** Persisted machine snapshot of everything compacted so far. */
  base: unknown;
  baseKey: EventKey | null;
  entries: CanonicalEvent[];
  /** Reconciles not yet compacted, in fold order. */
  reconciles: PersistedReconcile[];
  reconciledThrough: number | null;
  reconcileCount: number;
  compacted: [string, number, number][];
  late: CanonicalEvent[];
  needsReconciliation: boolean;
}

export function persistLedger(ledger: LedgerState): LedgerSnapshot {
  return {
    entity: ledger.entity,
    source: ledger.source,
    base: ledger.fold.persist(ledger.timeline.base),
    baseKey: ledger.timeline.baseKey,
    entries: ledger.timeline.events(),
    reconciles: ledger.timeline.reconciles().map(({ step, key }) => ({
      key,
      asOf: step.asOf,
      reason: step.reason,
      authority: ledger.fold.persist(step.authority),
    })),
    reconciledThrough: ledger.reconciledThrough,
    reconcileCount: ledger.reconcileCount,
    compacted: ledger.ids.windowRows(),
    late: [...ledger.late],
    needsReconciliation: ledger.needsReconciliation,
  };
}

/**
 * Restores what a snapshot holds into a fresh ledger, except its events: the caller ingests them
 * (so their ids are held and their waypoints laid again), then sets the source.
 */
export function restoreLedgerBase(ledger: LedgerState, snapshot: LedgerSnapshot): void {
  ledger.timeline.rebase(ledger.fold.restore(snapshot.base), snapshot.baseKey);
  ledger.fold.note({ type: 'contactstate.restore', refolded: snapshot.entries.length + snapshot.reconciles.length }, ledger.timeline.base);
  for (const { key, asOf, reason, authority } of snapshot.reconciles) {
    ledger.timeline.place({ kind: 'reconcile', authority: ledger.fold.restore(authority), asOf, reason }, key, 0);
  }
  ledger.reconciledThrough = snapshot.reconciledThrough;
  ledger.reconcileCount = snapshot.reconcileCount;
  ledger.ids.restoreWindow(snapshot.compacted);
  // A list of its own only when there are late events: a ledger without shares the empty one.
  if (snapshot.late.length > 0) ledger.late = [...snapshot.late];
  ledger.needsReconciliation = snapshot.needsReconciliation;
}
