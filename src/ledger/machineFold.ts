// Folds events through one of our machines as a pure function, (snapshot, event) → snapshot,
// without an actor per entity. A ledger keeps a snapshot after every event and restarts from any
// of them when a late event arrives; with actors, every new entity, rewind and wake-up paid for
// creating and starting one (and `xstate`'s own `transition()` creates one per call). Here each
// machine gets one inert scope, made once, and `machine.transition` does the rest.
//
// `next` applies the transition XState chooses without XState's microstep machinery where the
// machine's shape allows (`derivedTransition.ts`); `reference` is `machine.transition` itself.
//
// This is sound because our machines are pure: they only `assign`, which XState resolves inside
// the transition. Anything that would need executing (a spawn, a delayed send, an emit) would be
// a machine bug here, so the scope refuses it loudly instead of dropping it.
import { type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, createActor } from 'xstate';
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import { derivedTransition } from './derivedTransition.js';

export interface MachineFold {
  /** The machine's initial snapshot for an entity. */
  initial(entity: EntityRef): AnyMachineSnapshot;
  /** A snapshot persisted by `machine.getPersistedSnapshot` (or an authoritative one), made live again. */
  restore(persisted: unknown): AnyMachineSnapshot;
  /** The snapshot after `event`: the derived transition where there is one, else `reference`. */
  next(snapshot: AnyMachineSnapshot, event: CanonicalEvent): AnyMachineSnapshot;
  /** XState's own interpreter: `machine.transition`. */
  reference(snapshot: AnyMachineSnapshot, event: CanonicalEvent): AnyMachineSnapshot;
}

const folds = new WeakMap<AnyStateMachine, MachineFold>();

/** The fold of `machine`, made once per machine. */
export function machineFold(machine: AnyStateMachine): MachineFold {
  let fold = folds.get(machine);
  if (!fold) {
    fold = pureFold(machine);
    folds.set(machine, fold);
  }
  return fold;
}

function pureFold(machine: AnyStateMachine): MachineFold {
  // Never started: it only lends the scope its identity and system.
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, never-started actor (test/README.md)
  const self = createActor(machine, { input: { id: '' } });
  const scope: AnyActorScope = {
    self,
    // Stryker disable next-line StringLiteral: equivalent, scope ids (test/README.md)
    id: '',
    // Stryker disable next-line StringLiteral: equivalent, scope ids (test/README.md)
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: (action) => {
      throw new Error(`${machine.id}: the machine asked to execute "${action.type}"; folded machines may only assign`);
    },
  };
  const reference = (snapshot: AnyMachineSnapshot, event: CanonicalEvent) => machine.transition(snapshot, event, scope);
  return {
    initial: (entity) => sharingEmpties(machine.getInitialSnapshot(scope, { id: entity.id })),
    restore: (persisted) => sharingEmpties(machine.restoreSnapshot(persisted as AnyMachineSnapshot, scope)),
    next: derivedTransition(machine, scope) ?? reference,
    reference,
  };
}

/**
 * Every entity's snapshots carry `children` and `historyValue` from its first one, and ours are
 * always empty (no spawns, no history states): one frozen empty object for all of them instead of
 * two per entity. XState copies either before it changes it.
 */
const EMPTY = Object.freeze({});
function sharingEmpties(snapshot: AnyMachineSnapshot): AnyMachineSnapshot {
  const shared = snapshot as { children: object; historyValue: object };
  if (Object.keys(shared.children).length === 0) shared.children = EMPTY;
  if (Object.keys(shared.historyValue).length === 0) shared.historyValue = EMPTY;
  return snapshot;
}
