// The derived transition (src/ledger/derivedTransition.ts) against XState's own interpreter,
// `machine.transition`: for generated contexts, every state × every assertion, and for chains of
// assertions from the initial snapshot, the same snapshot in every field XState makes.
import fc from 'fast-check';
import { type AnyMachineSnapshot, type AnyStateMachine, assign, createMachine, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import { channelMachine } from '../../machines/channel.machine.js';
import { taskMachine } from '../../machines/task.machine.js';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { AGENT_STATES, CHANNEL_STATES, TASK_STATES } from '../../src/events/states.js';
import { machineFold } from '../../src/ledger/machineFold.js';
import { agentArbitraries, channelArbitraries, type MachineArbitraries, taskArbitraries } from '../machines/machineArbitraries.js';
import { propertyRuns } from '../support/propertyRuns.js';

const RUNS = propertyRuns(60);

/** Everything of a snapshot a reader can see: its JSON (key order included), its state nodes, tags and fields. */
const visible = (snapshot: AnyMachineSnapshot) => ({
  json: JSON.stringify(snapshot.machine.getPersistedSnapshot(snapshot)),
  nodes: snapshot._nodes.map((node) => node.id),
  tags: [...snapshot.tags],
  fields: Object.keys(snapshot),
  machine: snapshot.machine,
  functions: [snapshot.matches, snapshot.hasTag, snapshot.can, snapshot.getMeta, snapshot.toJSON],
});

/** One step both ways from `before`: equal snapshots, and the same snapshot object back where XState gives it back. */
function expectSameStep(machine: AnyStateMachine, before: AnyMachineSnapshot, event: CanonicalEvent): AnyMachineSnapshot {
  const fold = machineFold(machine);
  const expected = fold.reference(before, event);
  const actual = fold.next(before, event);
  if (JSON.stringify(visible(actual)) !== JSON.stringify(visible(expected)) || (actual === before) !== (expected === before)) {
    expect({ from: before.value, event, ...visible(actual), unchanged: actual === before }).toEqual({
      from: before.value,
      event,
      ...visible(expected),
      unchanged: expected === before,
    });
  }
  expect(visible(actual)).toEqual(visible(expected));
  return expected;
}

const cases: [string, AnyStateMachine, readonly string[], MachineArbitraries<object, CanonicalEvent>][] = [
  ['agent', agentMachine, AGENT_STATES, agentArbitraries as MachineArbitraries<object, CanonicalEvent>],
  ['channel', channelMachine, CHANNEL_STATES, channelArbitraries as MachineArbitraries<object, CanonicalEvent>],
  ['task', taskMachine, TASK_STATES, taskArbitraries as MachineArbitraries<object, CanonicalEvent>],
];

describe('the derived transition equals machine.transition', () => {
  it.each(cases)('%s: is derived (not machine.transition under another name)', (_, machine) => {
    expect(machineFold(machine).next).not.toBe(machineFold(machine).reference);
  });

  it.each(cases)('%s: every state × every assertion, generated contexts', (_, machine, states, { context, events }) => {
    fc.assert(
      fc.property(context, events, (generated, assertions) => {
        for (const value of states) {
          const before = machine.resolveState({ value, context: generated });
          for (const event of assertions) expectSameStep(machine, before, event);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it.each(cases)('%s: chains of assertions from the initial snapshot', (kind, machine, _, { events }) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(events, fc.nat()), { maxLength: 30 }), (steps) => {
        let snapshot = machineFold(machine).initial({ kind: kind as CanonicalEvent['entity']['kind'], id: 'x' });
        for (const [assertions, pick] of steps) snapshot = expectSameStep(machine, snapshot, assertions[pick % assertions.length]!);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('which machines are derived', () => {
  const scopeless = (machine: AnyStateMachine) => machineFold(machine);

  it('given a machine with entry actions, an eventless transition or a plain function action, then it folds through machine.transition', () => {
    const withEntry = createMachine({ initial: 'a', states: { a: { entry: assign({}), on: { go: 'b' } }, b: {} } });
    const eventless = createMachine({ initial: 'a', states: { a: { always: { target: 'b' } }, b: {} } });
    const executing = createMachine({ initial: 'a', states: { a: { on: { go: { target: 'b', actions: () => {} } } }, b: {} } });
    const nested = createMachine({ initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
    for (const machine of [withEntry, eventless, executing, nested]) expect(scopeless(machine).next).toBe(scopeless(machine).reference);
  });

  it('given a flat machine of assigns, then it is derived, and a guard that fails leaves the very snapshot', () => {
    const counter = setup({ types: { context: {} as { count: number }, events: {} as { type: 'inc' } | { type: 'stop' } } }).createMachine({
      context: { count: 0 },
      initial: 'on',
      states: {
        on: { on: { inc: { guard: ({ context }) => context.count < 2, actions: assign({ count: ({ context }) => context.count + 1 }) }, stop: 'off' } },
        off: {},
      },
    });
    const fold = machineFold(counter);
    expect(fold.next).not.toBe(fold.reference);
    let snapshot = fold.initial({ kind: 'task', id: 'x' });
    for (const type of ['inc', 'inc', 'inc', 'stop', 'inc'] as const) {
      const event = { type } as unknown as CanonicalEvent;
      const after = fold.next(snapshot, event);
      expect(visible(after)).toEqual(visible(fold.reference(snapshot, event)));
      snapshot = after;
    }
    expect({ value: snapshot.value, count: snapshot.context.count }).toEqual({ value: 'off', count: 2 });
  });
});
