// The ceiling: the workload's canonical events (made beforehand by the Webex adapter) sent to
// long-lived XState actors of our three machines, one per entity, and nothing else: no parsing,
// validation, dedupe, ordering, checkpoints or views. It is what XState itself costs. Actors are
// created on an entity's first event, so actor creation is part of the ceiling too.
//
// Beside it, the fold alone: the same events through the machines' pure `machine.transition`,
// XState's own interpreter; the engine applies the transitions XState chooses without the
// microstep machinery (src/ledger/derivedTransition.ts). It skips the actors' mailbox and
// snapshot bookkeeping, so the engine's own fold costs a little less than the ceiling.
import { type AnyActorRef, type AnyMachineSnapshot, createActor } from 'xstate';
import { ENTITY_MACHINES } from '../../src/engine/entityMachines.js';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { machineFold } from '../../src/ledger/machineFold.js';

export function foldCeiling(events: readonly CanonicalEvent[]): Map<string, AnyActorRef> {
  const actors: Record<CanonicalEvent['entity']['kind'], Map<string, AnyActorRef>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  for (const event of events) {
    const { kind, id } = event.entity;
    let actor = actors[kind].get(id);
    if (!actor) {
      actor = createActor(ENTITY_MACHINES[kind], { input: { id } }).start();
      actors[kind].set(id, actor);
    }
    actor.send(event);
  }
  return actors.task;
}

export function foldPure(events: readonly CanonicalEvent[]): Map<string, AnyMachineSnapshot> {
  const snapshots: Record<CanonicalEvent['entity']['kind'], Map<string, AnyMachineSnapshot>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  for (const event of events) {
    const { kind, id } = event.entity;
    const fold = machineFold(ENTITY_MACHINES[kind]);
    snapshots[kind].set(id, fold.reference(snapshots[kind].get(id) ?? fold.initial(event.entity), event));
  }
  return snapshots.task;
}
