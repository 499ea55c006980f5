// What an inspector (XState's `inspect` option: a function or an Observer, e.g. the Stately
// inspector's `inspector.inspect`) sees of the engine (DESIGN §5): every entity as an actor of its
// machine, each event folded into it and each snapshot it settles in; a refold, a reconcile, a
// restore or a rebuild marked as such (`FoldNote`) before the snapshots it brings.
//
// The engine folds with the machines' pure `transition`, not an actor per entity; each entity's
// actor here is created, never started: it stands for the entity, with the same inspection events
// an actor would send (minus microsteps). Personal data is masked unless asked otherwise.
import { type AnyMachineSnapshot, type AnyStateMachine, createActor, type InspectionEvent, type Observer, toObserver } from 'xstate';
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import type { FoldNote } from '../ledger/foldNote.js';
import { type Mask, type PersonalData, personalDataMask, UNMASKED } from './personalData.js';

/** What XState's `createActor(logic, { inspect })` takes. */
export type InspectOption = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

export interface InspectionOptions {
  /** Default `masked`: see personalData.ts. */
  personalData?: PersonalData;
}

/** One entity's inspection: what the ledger reports of its fold. */
export interface EntityInspector {
  folded(event: CanonicalEvent, snapshot: AnyMachineSnapshot): void;
  noted(note: FoldNote, snapshot: AnyMachineSnapshot): void;
  /** Introduces the entity as it is now to `observer` (a viewer that connects late). */
  announce(observer: Observer<InspectionEvent>, snapshot: AnyMachineSnapshot): void;
}

/** One engine's inspection: an inspector per entity, all sending to one observer. */
export interface Inspection {
  entity(machine: AnyStateMachine, entity: EntityRef): EntityInspector;
}

/** The event a late viewer's snapshot of an entity comes with. */
const CURRENT = { type: 'contactstate.current' } as const;

export function createInspection(inspect: InspectOption, options: InspectionOptions = {}): Inspection {
  const observer = toObserver(inspect);
  const mask = options.personalData === 'unmasked' ? UNMASKED : personalDataMask();
  return {
    entity(machine, entity) {
      const actorRef = createActor(machine, { input: { id: entity.id }, id: `${entity.kind}:${mask.text(entity.id)}` });
      const rootId = actorRef.sessionId;
      const send = (to: Observer<InspectionEvent>, event: object, snapshot: AnyMachineSnapshot) => {
        to.next?.({ type: '@xstate.event', actorRef, rootId, event, sourceRef: undefined } as InspectionEvent);
        to.next?.({ type: '@xstate.snapshot', actorRef, rootId, event, snapshot: masked(mask, snapshot) } as InspectionEvent);
      };
      const introduce = (to: Observer<InspectionEvent>) => to.next?.({ type: '@xstate.actor', actorRef, rootId });
      introduce(observer);
      return {
        folded: (event, snapshot) => send(observer, mask.value(event), snapshot),
        noted: (note, snapshot) => send(observer, note, snapshot),
        announce(to, snapshot) {
          introduce(to);
          send(to, CURRENT, snapshot);
        },
      };
    },
  };
}

/** The snapshot with its context masked (a copy: the fold's own snapshot is left alone). */
function masked(mask: Mask, snapshot: AnyMachineSnapshot): AnyMachineSnapshot {
  return mask === UNMASKED ? snapshot : { ...snapshot, context: mask.value(snapshot.context) };
}
