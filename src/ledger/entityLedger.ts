// One entity's ledger (DESIGN §4): dedupes its events, keeps them in fold order and folds them
// through the entity's XState machine. The concepts live beside it: the fold itself
// (`ledgerFold`), fold order and checkpoints (`foldTimeline`), dedupe (`eventIds`), compaction,
// reconcile and persistence (`ledgerSnapshot`); this class ties them into the ledger's operations.
import type { AnyStateMachine } from 'xstate';
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import type { Inspection } from '../inspect/inspection.js';
import { compactLedger } from './compaction.js';
import { EventIds } from './eventIds.js';
import { compareKeys, keyOf } from './eventKey.js';
import { fingerprint as fingerprintOf } from './fingerprint.js';
import { FoldTimeline } from './foldTimeline.js';
import { type LedgerFold, ledgerFold, type MachineSnapshot } from './ledgerFold.js';
import { type LedgerSnapshot, persistLedger, restoreLedgerBase } from './ledgerSnapshot.js';
import type { LedgerState } from './ledgerState.js';
import { reconcileLedger } from './reconcile.js';
import { sameInstantOrder } from './sameInstantOrder.js';

export type { LedgerSnapshot } from './ledgerSnapshot.js';

export type LedgerOutcome = 'applied' | 'reordered' | 'duplicate' | 'conflict' | 'late';

export interface LedgerOptions {
  inspection?: Inspection;
}

export class EntityLedger implements LedgerState {
  readonly fold: LedgerFold;
  readonly timeline: FoldTimeline;
  readonly ids = new EventIds();
  baseIsAuthoritative = false;
  readonly late: CanonicalEvent[] = [];
  needsReconciliation = false;
  source: SourceId | null = null;
  /** Counts the changes to what the ledger holds: a checkpoint writes the ledgers whose revision moved. */
  revision = 0;

  constructor(
    readonly entity: EntityRef,
    machine: AnyStateMachine,
    options: LedgerOptions = {},
  ) {
    this.fold = ledgerFold(machine, entity, options.inspection?.entity(machine, entity));
    this.timeline = new FoldTimeline(this.fold, sameInstantOrder(entity.kind));
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

  ingest(event: CanonicalEvent): LedgerOutcome {
    if (this.source !== event.source) {
      this.source = event.source;
      this.revision++;
    }
    const fingerprint = fingerprintOf(event);
    const sighting = this.ids.sighting(event.id, fingerprint);
    if (sighting !== 'new') return sighting;
    this.revision++;
    const key = keyOf(event);
    // At or before the base: compacted events are folded into it (a redelivery whose id left
    // the dedupe window lands exactly on the base's key and must not be folded twice).
    if (this.timeline.isAtOrBeforeBase(key)) {
      this.late.push(event);
      this.ids.remember({ event, fingerprint });
      if (!this.baseIsAuthoritative) this.needsReconciliation = true;
      return 'late';
    }
    this.ids.hold(event.id, fingerprint);
    return this.timeline.place(event, key, fingerprint);
  }

  /** Moves entries older than `before` into the base; forgets compacted ids older than `dedupeBefore`. */
  compact(before: number, dedupeBefore: number): void {
    if (compactLedger(this, before, dedupeBefore)) this.revision++;
  }

  /** Makes an authoritative snapshot at `asOf` the base (see `reconcileLedger`). */
  reconcile(snapshot: MachineSnapshot, asOf: number): void {
    reconcileLedger(this, snapshot, asOf);
    this.revision++;
  }

  /** Refolds the entity from nothing through `events` (a store's full history of it). */
  rebuild(events: CanonicalEvent[]): void {
    this.revision++;
    this.timeline.clear();
    this.ids.clear();
    this.late.length = 0;
    this.baseIsAuthoritative = false;
    this.needsReconciliation = false;
    this.fold.note({ type: 'contactstate.rebuild', refolded: events.length }, this.timeline.base);
    for (const event of [...events].sort((a, b) => compareKeys(keyOf(a), keyOf(b)))) this.ingest(event);
  }

  toSnapshot(): LedgerSnapshot {
    return persistLedger(this);
  }

  static fromSnapshot(snapshot: LedgerSnapshot, machine: AnyStateMachine, options: LedgerOptions = {}): EntityLedger {
    const ledger = new EntityLedger(snapshot.entity, machine, options);
    restoreLedgerBase(ledger, snapshot);
    for (const event of snapshot.entries) ledger.ingest(event);
    ledger.source = snapshot.source;
    return ledger;
  }
}
