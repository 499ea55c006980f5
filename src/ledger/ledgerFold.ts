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
  initial(entity: EntityRef): MachineSnapshot;
  evolve(snapshot: MachineSnapshot, step: LedgerStep): MachineSnapshot;
  /** Tells the inspector, if any, what happened to the history; `snapshot` is where the fold restarts. */
  note(note: FoldNote, snapshot: MachineSnapshot): void;
  /** A snapshot as plain JSON, and back. */
  persist(snapshot: MachineSnapshot): unknown;
  restore(persisted: unknown): MachineSnapshot;
  readonly inspector: EntityInspector | undefined;
}

/** The fold of every uninspected entity of a machine: one per machine, made on first use. */
const uninspected = new WeakMap<AnyStateMachine, LedgerFold>();

/**
 * The fold of an entity of `machine`: its own when an inspector watches it, else the one every
 * entity of the machine shares (a closed task keeps its ledger for the retention period, so a
 * ledger holds no fold object of its own).
 */
export function ledgerFold(machine: AnyStateMachine, inspector?: EntityInspector): LedgerFold {
  if (inspector) return new MachineLedgerFold(machine, inspector);
  let fold = uninspected.get(machine);
  if (!fold) {
    fold = new MachineLedgerFold(machine, undefined);
    uninspected.set(machine, fold);
  }
  return fold;
}

class MachineLedgerFold implements LedgerFold {
  private readonly fold: MachineFold;
  /** XState's own interpreter when an inspector watches (the derived path gives equal snapshots). */
  private readonly next: MachineFold['next'];

  constructor(
    private readonly machine: AnyStateMachine,
    readonly inspector: EntityInspector | undefined,
  ) {
    this.fold = machineFold(machine);
    this.next = inspector ? this.fold.reference : this.fold.next;
  }

  initial(entity: EntityRef): MachineSnapshot {
    return this.fold.initial(entity);
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
