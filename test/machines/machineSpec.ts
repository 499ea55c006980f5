// given(events) → the machine's snapshot after folding them, for short specs.
import { type AnyStateMachine, createActor } from 'xstate';
import type { CanonicalEvent } from '../../src/events/canonical.js';

export function fold<M extends AnyStateMachine>(machine: M, events: CanonicalEvent[], id = 'x') {
  const actor = createActor(machine as AnyStateMachine, { input: { id } }).start();
  for (const event of events) actor.send(event);
  return actor.getSnapshot() as ReturnType<M['getInitialSnapshot']>;
}
