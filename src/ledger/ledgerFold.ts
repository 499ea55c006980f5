// The fold of one entity, emmett's `evolve`: (snapshot, step) → snapshot, pure. A step is an event,
// folded through the entity's machine, or an operator's reconcile (DESIGN §4.10), which sets the
// state the authority gives. An inspector, when there is one, sees each event, and a note where
// history is rewritten (refold, rebuild) or replaced (reconcile, restore); nothing else does.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import type { EntityInspector } from '../inspect/inspection.js';
import type { FoldNote } from './foldNote.js';
import { type MachineFold, machineFold } from './machineFold.js';
import { assertNever } from '../assertNever.js';

export type MachineSnapshot = AnyMachineSnapshot;

/** One step of an entity's history. */
export type LedgerStep =
  | { kind: 'event'; event: CanonicalEvent }
  /** An authoritative state as of `asOf` (a vendor API's answer), with the operator's reason. */
  | { kind: 'reconcile'; authority: MachineSnapshot; asOf: number; reason: string };

export interface LedgerFold {
  /** The entity's snapshot before any event. */
  initial(): MachineSnapshot;
  evolve(snapshot: MachineSnapshot, step: LedgerStep): MachineSnapshot;
  /** Tells the inspector, if any, what happened to the history; `snapshot` is where the fold restarts. */
  note(note: FoldNote, snapshot: MachineSnapshot): void;
  /** A snapshot as plain JSON, and back. */
  persist(snapshot: MachineSnapshot): unknown;
  restore(persisted: unknown): MachineSnapshot;
  readonly inspector: EntityInspector | undefined;
}

export function ledgerFold(machine: AnyStateMachine, entity: EntityRef, inspector?: EntityInspector): LedgerFold {
  return new EntityFold(machine, entity, inspector);
}

/**
 * A class rather than an object of closures: every ledger has its fold, and a closed task keeps
 * its ledger for the retention period, so the fold is five fields and its methods are shared.
 */
class EntityFold implements LedgerFold {
  private readonly fold: MachineFold;
  /** XState's own interpreter when an inspector watches (the derived path gives equal snapshots). */
  private readonly next: MachineFold['next'];

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly entity: EntityRef,
    readonly inspector: EntityInspector | undefined,
  ) {
    this.fold = machineFold(machine);
    this.next = inspector ? this.fold.reference : this.fold.next;
  }

  initial(): MachineSnapshot {
    return this.fold.initial(this.entity);
  }

  evolve(snapshot: MachineSnapshot, step: LedgerStep): MachineSnapshot {
    switch (step.kind) {
      case 'event': {
        const after = this.next(snapshot, step.event);
        this.inspector?.folded(step.event, after);
        return after;
      }
      case 'reconcile':
        return step.authority;
      default:
        return assertNever(step, 'ledger step');
    }
  }

  note(note: FoldNote, snapshot: MachineSnapshot): void {
    this.inspector?.noted(note, snapshot);
  }

  persist(snapshot: MachineSnapshot): unknown {
    return this.machine.getPersistedSnapshot(snapshot);
  }

  restore(persisted: unknown): MachineSnapshot {
    return this.fold.restore(persisted);
  }
}
