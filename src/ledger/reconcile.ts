// Reconcile (DESIGN §4.5, §4.10): an authoritative snapshot as of `asOf` is a step of the entity's
// history of its own, placed at `asOf` after every event of that instant. Events before it are
// absorbed (the authority's state replaces what they made), events after it are refolded on top,
// and a later event is placed around it like any other. It can be placed only after the base: the
// events folded into the base are no longer held, so a reconcile before it is refused, never
// allowed to drop them (a durable engine refolds the entity from its log instead).
import type { EntityRef } from '../events/canonical.js';
import type { EventKey } from './eventKey.js';
import type { MachineSnapshot } from './ledgerFold.js';
import type { LedgerState } from './ledgerState.js';

/** After every event (whose ranks are smaller) at `asOf`; a finite rank keeps snapshots plain JSON. */
const RECONCILE_RANK = Number.MAX_SAFE_INTEGER;

/** The key of the `ordinal`-th reconcile of an entity: a later one at the same instant folds after. */
const reconcileKey = (asOf: number, ordinal: number): EventKey => ({
  time: asOf,
  rank: RECONCILE_RANK,
  id: `reconcile-${String(ordinal).padStart(12, '0')}`,
});

export class ReconcileRefusedError extends Error {
  constructor(
    readonly entity: EntityRef,
    readonly asOf: number,
    /** Event time of the newest event folded into the entity's base. */
    readonly baseTime: number,
  ) {
    super(
      `reconcile of ${entity.kind} "${entity.id}" as of ${new Date(asOf).toISOString()} refused: its events up to ` +
        `${new Date(baseTime).toISOString()} are compacted into its base, and this engine no longer holds them to refold ` +
        `on top of the reconciled state. Reconcile as of that time or later, or behind a store (openDurableEngine), ` +
        `whose log holds them.`,
    );
    this.name = 'ReconcileRefusedError';
  }
}

export function reconcileLedger(ledger: LedgerState, authority: MachineSnapshot, asOf: number, reason: string, ordinal = ledger.reconcileCount): void {
  const key = reconcileKey(asOf, ordinal);
  if (ledger.timeline.isAtOrBeforeBase(key)) throw new ReconcileRefusedError(ledger.entity, asOf, ledger.timeline.baseKey!.time);
  ledger.timeline.place({ kind: 'reconcile', authority, asOf, reason }, key, 0);
  ledger.reconcileCount = Math.max(ledger.reconcileCount, ordinal + 1);
  ledger.reconciledThrough = Math.max(ledger.reconciledThrough ?? asOf, asOf);
  // The late events it absorbs need no reconciliation any more.
  // Stryker disable next-line ArrowFunction: equivalent, defensive late filter (test/README.md)
  ledger.late = ledger.late.filter((event) => event.time > asOf);
  // Stryker disable next-line ArrowFunction,BooleanLiteral: equivalent, defensive late filter (test/README.md)
  ledger.needsReconciliation = ledger.late.some((event) => !isAbsorbed(ledger, event.time));
}

/** An event at or before a reconcile's `asOf` changes nothing the authority did not say. */
export const isAbsorbed = (ledger: Pick<LedgerState, 'reconciledThrough'>, time: number): boolean =>
  ledger.reconciledThrough !== null && time <= ledger.reconciledThrough;
