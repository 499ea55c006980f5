// The fold of one entity, emmett's `evolve`: (snapshot, event) → snapshot through the entity's
// machine, pure. An inspector, when there is one, sees each step; nothing else does.
import type { AnyMachineSnapshot, AnyStateMachine, InspectionEvent } from 'xstate';
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import { foldInspector, machineFold } from './machineFold.js';

export type MachineSnapshot = AnyMachineSnapshot;

export interface LedgerFold {
  /** The entity's snapshot before any event. */
  initial(): MachineSnapshot;
  evolve(snapshot: MachineSnapshot, event: CanonicalEvent): MachineSnapshot;
  /** A snapshot as plain JSON, and back. */
  persist(snapshot: MachineSnapshot): unknown;
  restore(persisted: unknown): MachineSnapshot;
}

export function ledgerFold(machine: AnyStateMachine, entity: EntityRef, inspect?: (event: InspectionEvent) => void): LedgerFold {
  const fold = machineFold(machine);
  const inspector = inspect ? foldInspector(machine, entity, inspect) : undefined;
  return {
    initial: () => fold.initial(entity),
    evolve(snapshot, event) {
      const after = fold.next(snapshot, event);
      inspector?.folded(event, after);
      return after;
    },
    persist: (snapshot) => machine.getPersistedSnapshot(snapshot),
    restore: (persisted) => fold.restore(persisted),
  };
}
