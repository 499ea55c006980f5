// One entity's ledger (DESIGN §4): dedupes its events, keeps them in fold order and folds them
// through the entity's XState machine. The concepts live beside it: the fold itself
// (`ledgerFold`), fold order and waypoints (`foldTimeline`), dedupe (`eventIds`), compaction,
// reconcile and persistence (`ledgerSnapshot`); this class ties them into the ledger's operations.
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import type { Inspection } from '../inspect/inspection.js';
import { compactLedger } from './compaction.js';
import type { EntityRules } from './entityRules.js';
import { EventIds } from './eventIds.js';
import { compareKeys, keyOf } from './eventKey.js';
import { fingerprint as fingerprintOf } from './fingerprint.js';
import { FoldTimeline } from './foldTimeline.js';
import { type LedgerFold, ledgerFold, type MachineSnapshot } from './ledgerFold.js';
import { type LedgerSnapshot, persistLedger, restoreLedgerBase } from './ledgerSnapshot.js';
import type { LedgerState } from './ledgerState.js';
import { isAbsorbed, ReconcileRefusedError, reconcileLedger } from './reconcile.js';

export type { LedgerSnapshot } from './ledgerSnapshot.js';

/** An authoritative state as of `asOf`, as the engine hands it to a ledger. */
export interface Reconciliation {
  authority: MachineSnapshot;
  asOf: number;
  reason: string;
}

/**
 * The late events of every ledger that has none (most never get one; a closed task keeps its
 * ledger for the retention period): shared, frozen, replaced by a list of its own at the first.
 */
const NO_LATE: CanonicalEvent[] = Object.freeze([]) as unknown as CanonicalEvent[];

export type LedgerOutcome = 'applied' | 'reordered' | 'duplicate' | 'conflict' | 'late';

export interface LedgerOptions {
  inspection?: Inspection;
}

export class EntityLedger implements LedgerState {
  readonly fold: LedgerFold;
  readonly timeline: FoldTimeline;
  readonly ids = new EventIds();
  reconciledThrough: number | null = null;
  reconcileCount = 0;
  late = NO_LATE;
  needsReconciliation = false;
  source: SourceId | null = null;
  /** Counts the changes to what the ledger holds: a checkpoint writes the ledgers whose revision moved. */
  revision = 0;

  constructor(
    readonly entity: EntityRef,
    private readonly rules: EntityRules,
    options: LedgerOptions = {},
  ) {
    this.fold = ledgerFold(rules.machine, options.inspection?.entity(rules.machine, entity));
    this.timeline = new FoldTimeline(this.fold, this.fold.initial(entity), rules.sameInstantOrder);
  }

  /** The lifecycle steps the entity's fold skipped (DESIGN §4.6). */
  get gapCount(): number {
    return this.rules.gapCount(this.current.context);
  }

  /** The entity's current machine snapshot. */
  get current(): MachineSnapshot {
    return this.timeline.current;
  }

  get size(): number {
    return this.timeline.size;
  }

  get oldestTime(): number | undefined {
    return this.timeline.oldestTime;
  }

  get newestTime(): number | undefined {
    return this.timeline.newestTime;
  }

  ingest(event: CanonicalEvent): LedgerOutcome {
    if (this.source !== event.source) {
      this.source = event.source;
      this.revision++;
    }
    // As an int32, which V8 keeps unboxed: a uint32 above 2^31 would be a heap number per event.
    const fingerprint = fingerprintOf(event) | 0;
    const sighting = this.ids.sighting(event.id, fingerprint);
    if (sighting !== 'new') return sighting;
    this.revision++;
    const key = keyOf(event);
    // At or before the base: compacted events are folded into it (a redelivery whose id left
    // the dedupe window lands exactly on the base's key and must not be folded twice).
    if (this.timeline.isAtOrBeforeBase(key)) {
      if (this.late === NO_LATE) this.late = [];
      this.late.push(event);
      this.ids.remember({ event, fingerprint });
      if (!isAbsorbed(this, event.time)) this.needsReconciliation = true;
      return 'late';
    }
    this.ids.hold(event.id, fingerprint);
    return this.timeline.place({ kind: 'event', event }, key, fingerprint);
  }

  /** Moves entries older than `before` into the base; forgets compacted ids older than `dedupeBefore`. */
  compact(before: number, dedupeBefore: number): void {
    if (compactLedger(this, before, dedupeBefore)) this.revision++;
  }

  /**
   * Places an authoritative state as of `asOf` among the entity's events (see `reconcileLedger`);
   * throws `ReconcileRefusedError` when `asOf` lies at or before the compacted base.
   */
  reconcile({ authority, asOf, reason }: Reconciliation): void {
    reconcileLedger(this, authority, asOf, reason);
    this.revision++;
  }

  /**
   * Refolds the entity through its whole history (a store's): from its floor when it has one (its
   * state folded from the history a prune removed), then its events and reconciles (in log order,
   * so that a later reconcile of the same instant wins).
   */
  rebuild(events: CanonicalEvent[], reconciles: Reconciliation[], floor?: LedgerSnapshot): void {
    this.revision++;
    this.timeline.clear(this.fold.initial(this.entity));
    this.ids.clear();
    this.late = NO_LATE;
    this.reconciledThrough = null;
    this.reconcileCount = 0;
    this.needsReconciliation = false;
    this.fold.note({ type: 'contactstate.rebuild', refolded: events.length + reconciles.length }, this.timeline.base);
    if (floor) restoreLedgerBase(this, floor);
    for (const reconciliation of reconciles) {
      try {
        this.reconcile(reconciliation);
      } catch (error) {
        // Older than the floor (a prune folded the history it was meant to replace): it cannot be
        // placed any more, so the entity is one to reconcile again.
        if (!(error instanceof ReconcileRefusedError)) throw error;
        this.needsReconciliation = true;
      }
    }
    for (const event of [...events].sort((a, b) => compareKeys(keyOf(a), keyOf(b)))) this.ingest(event);
  }

  toSnapshot(): LedgerSnapshot {
    return persistLedger(this);
  }

  static fromSnapshot(snapshot: LedgerSnapshot, rules: EntityRules, options: LedgerOptions = {}): EntityLedger {
    const ledger = new EntityLedger(snapshot.entity, rules, options);
    restoreLedgerBase(ledger, snapshot);
    for (const event of snapshot.entries) ledger.ingest(event);
    ledger.source = snapshot.source;
    return ledger;
  }
}
