// The fold of one entity, emmett's `evolve`: (snapshot, step) → snapshot, pure. A step is an event,
// folded through the entity's machine, or an operator's reconcile (DESIGN §4.10), which sets the
// state the authority gives. An inspector, when there is one, sees each event, and a note where
// history is rewritten (refold, rebuild) or replaced (reconcile, restore); nothing else does.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import type { EntityInspector } from '../inspect/inspection.js';
import type { FoldNote } from './foldNote.js';
import { machineFold } from './machineFold.js';
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
  const fold = machineFold(machine);
  // An inspector watches XState's own interpreter (the derived path gives equal snapshots).
  const next = inspector ? fold.reference : fold.next;
  return {
    initial: () => fold.initial(entity),
    evolve(snapshot, step) {
      switch (step.kind) {
        case 'event': {
          const after = next(snapshot, step.event);
          inspector?.folded(step.event, after);
          return after;
        }
        case 'reconcile':
          return step.authority;
        default:
          return assertNever(step, 'ledger step');
      }
    },
    note: (note, snapshot) => inspector?.noted(note, snapshot),
    persist: (snapshot) => machine.getPersistedSnapshot(snapshot),
    restore: (persisted) => fold.restore(persisted),
    inspector,
  };
}
