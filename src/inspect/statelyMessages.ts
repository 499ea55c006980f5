// Inspection events as the Stately viewer takes them: the messages of `@statelyai/inspect`'s
// WebSocket inspector (version 0.7.2 of that protocol), written here so the inspector server
// needs none of its client machinery. One change, to the wire only: an actor's machine definition
// (kilobytes, the same for every actor of a kind) goes to each viewer once, as a
// `contactstate.definition` message, and actor messages name it (`definitionOf`); the viewer page
// puts it back before the Stately viewer sees the message.
import type { AnyActorRef, AnyStateMachine, InspectionEvent } from 'xstate';

/** The `@statelyai/inspect` version whose messages these are (the viewer reads `_version`). */
const STATELY_PROTOCOL_VERSION = '0.7.2';

export interface StatelyMessage {
  type: '@xstate.actor' | '@xstate.event' | '@xstate.snapshot';
  sessionId: string;
  rootId: string;
  _version: string;
  createdAt: string;
  id: null;
  [field: string]: unknown;
}

/** The one message a viewer gets of a machine's definition, before any actor of it. */
export interface DefinitionMessage {
  type: 'contactstate.definition';
  name: string;
  definition: string;
}

/**
 * The Stately message for an inspection event (undefined for microsteps and actions, as Stately's).
 * Snapshots stay objects: `JSON.stringify` takes their `toJSON` (no machine, no state nodes).
 */
export function statelyMessage(event: InspectionEvent, createdAt: number): StatelyMessage | undefined {
  const common = { sessionId: event.actorRef.sessionId, rootId: event.rootId, _version: STATELY_PROTOCOL_VERSION, createdAt: String(createdAt), id: null };
  switch (event.type) {
    case '@xstate.actor': {
      const actorRef = event.actorRef as AnyActorRef & { logic: AnyStateMachine };
      return { ...common, type: '@xstate.actor', name: actorRef.id, definitionOf: actorRef.logic.id, snapshot: actorRef.getSnapshot() };
    }
    case '@xstate.event':
      return { ...common, type: '@xstate.event', event: event.event, sourceId: event.sourceRef?.sessionId };
    case '@xstate.snapshot':
      return { ...common, type: '@xstate.snapshot', event: event.event, snapshot: event.snapshot };
    default:
      return undefined;
  }
}

/** The definition message of the machine an actor message names. */
export function definitionMessage(machine: AnyStateMachine): DefinitionMessage {
  // As the Stately inspector serialises a machine: its config, functions replaced by their names.
  const definition = JSON.stringify(machine.config, (_key, value: unknown) => (typeof value === 'function' ? { type: value.name } : value));
  return { type: 'contactstate.definition', name: machine.id, definition };
}
