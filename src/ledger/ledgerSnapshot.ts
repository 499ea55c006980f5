// A ledger as plain JSON (part of the engine snapshot): the base as the machine persists it, the
// events still in the timeline (refolded on restore), the dedupe window and the late events.
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import type { EventKey } from './eventKey.js';
import type { LedgerState } from './ledgerState.js';

export interface LedgerSnapshot {
  entity: EntityRef;
  source: SourceId | null;
  /** Persisted machine snapshot of everything compacted so far. */
  base: unknown;
  baseKey: EventKey | null;
  /** The base is an authoritative snapshot (reconcile), not a fold of events. */
  baseIsAuthoritative: boolean;
  entries: CanonicalEvent[];
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
    baseIsAuthoritative: ledger.baseIsAuthoritative,
    entries: ledger.timeline.events(),
    compacted: ledger.ids.windowRows(),
    late: [...ledger.late],
    needsReconciliation: ledger.needsReconciliation,
  };
}

/**
 * Restores what a snapshot holds into a fresh ledger, except its entries: the caller ingests them
 * (so their ids are held and their checkpoints rebuilt), then sets the source.
 */
export function restoreLedgerBase(ledger: LedgerState, snapshot: LedgerSnapshot): void {
  ledger.timeline.rebase(ledger.fold.restore(snapshot.base), snapshot.baseKey);
  ledger.fold.note({ type: 'contactstate.restore', refolded: snapshot.entries.length }, ledger.timeline.base);
  ledger.baseIsAuthoritative = snapshot.baseIsAuthoritative;
  ledger.ids.restoreWindow(snapshot.compacted);
  ledger.late.push(...snapshot.late);
  ledger.needsReconciliation = snapshot.needsReconciliation;
}
