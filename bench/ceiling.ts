// The ceiling: the workload's canonical events (made beforehand by the Webex adapter) sent to
// long-lived XState actors of our three machines, one per entity, and nothing else: no parsing,
// validation, dedupe, ordering, checkpoints or views. It is what XState itself costs; the
// engine can approach it but not pass it. Actors are created on an entity's first event, as the
// engine must, so actor creation is part of the ceiling too.
import { type AnyActorRef, createActor } from 'xstate';
import { ENTITY_MACHINES } from '../src/engine/entityMachines.js';
import type { CanonicalEvent } from '../src/events/canonical.js';

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
