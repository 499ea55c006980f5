// Reconcile (DESIGN §4.5): an authoritative snapshot at `asOf` becomes the entity's base. Events up
// to `asOf` are absorbed by it (their ids stay known), events after it are refolded on top.
import type { MachineSnapshot } from './ledgerFold.js';
import type { LedgerState } from './ledgerState.js';

export function reconcileLedger(ledger: LedgerState, snapshot: MachineSnapshot, asOf: number): void {
  ledger.ids.release(ledger.timeline.removeUpTo(asOf));
  ledger.fold.note({ type: 'contactstate.reconcile', asOf, refolded: ledger.timeline.size }, snapshot);
  // After every event at `asOf` (a finite rank, so snapshots stay plain JSON).
  ledger.timeline.rebase(snapshot, { time: asOf, rank: Number.MAX_SAFE_INTEGER, id: '' });
  ledger.baseIsAuthoritative = true;
  ledger.needsReconciliation = false;
  ledger.late.splice(0, ledger.late.length, ...ledger.late.filter((event) => event.time > asOf));
}
