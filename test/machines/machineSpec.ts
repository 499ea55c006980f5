// given(events) → the machine's snapshot after folding them, for short specs; and one assertion
// from a chosen state and context, for tables of edges.
import { type AnyStateMachine, createActor } from 'xstate';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { machineFold } from '../../src/ledger/machineFold.js';
import { machineChart } from '../../src/diagram/machineChart.js';

export function fold<M extends AnyStateMachine>(machine: M, events: CanonicalEvent[], id = 'x') {
  const actor = createActor(machine as AnyStateMachine, { input: { id } }).start();
  for (const event of events) actor.send(event);
  return actor.getSnapshot() as ReturnType<M['getInitialSnapshot']>;
}

/** The state and context after `event`, from a snapshot in state `value` with `context`. */
export function afterOne<C>(machine: AnyStateMachine, value: string, context: C, event: CanonicalEvent): { value: string; context: C } {
  const after = machineFold(machine).reference(machine.resolveState({ value, context }), event);
  return { value: after.value as string, context: after.context as C };
}

/** The nominal edges a machine's states list, as `from --event--> to` lines. */
export const drawnEdges = (machine: AnyStateMachine): string[] =>
  machineChart(machine).edges.map(({ from, event, to }) => `${from} --${event}--> ${to}`);

/** The assertions a machine's states keep them in, as `state: event [guard]` lines. */
export const listedStays = (machine: AnyStateMachine): string[] =>
  machineChart(machine).stays.map(({ state, event, guard }) => `${state}: ${event}${guard ? ` [${guard}]` : ''}`);

/** The root's resync group, as `event → states` lines. */
export const resyncGroup = (machine: AnyStateMachine): string[] => machineChart(machine).resync.map(({ event, to }) => `${event} → ${to.join(' | ')}`);
