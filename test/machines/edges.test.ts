import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { recordAtRoot, resync, staysAnywhere } from '../../machines/edges.js';
import { afterOne } from './machineSpec.js';

type S = 'first' | 'second' | 'unlisted';
interface Steps {
  /** The steps recorded, as `from→to`. */
  steps: string[];
}
const record = (context: Steps, _event: unknown, from: S, to: S): Steps => ({ steps: [...context.steps, `${from}→${to}`] });

/** A machine with a root resync group as the channel and task machines have, its action told of two of its three states. */
const machine = setup({
  types: { context: {} as Steps, events: {} as { type: 'first' } | { type: 'second' } | { type: 'touch' } },
  actions: {
    recordResync: recordAtRoot<S, Steps, { type: 'first' } | { type: 'second' } | { type: 'touch' }>(['first', 'second'], record),
  },
}).createMachine({
  initial: 'first',
  context: { steps: [] },
  states: { first: {}, second: {}, unlisted: {} },
  on: { first: resync('first'), second: resync('second'), touch: staysAnywhere },
});
const event = (type: 'first' | 'second' | 'touch') => ({ type, source: 'webex', id: 'e1', time: 1, entity: { kind: 'task', id: 't1' } }) as never;

describe('the resync group (machines/edges.ts)', () => {
  it('records a root edge from the state the snapshot is in, into the asserted state or where it stays', () => {
    expect(afterOne(machine, 'second', { steps: [] }, event('first'))).toEqual({ value: 'first', context: { steps: ['second→first'] } });
    expect(afterOne(machine, 'second', { steps: [] }, event('touch'))).toEqual({ value: 'second', context: { steps: ['second→second'] } });
  });

  it('refuses to record from a state its list does not name, rather than record a step from nowhere', () => {
    expect(() => afterOne(machine, 'unlisted', { steps: [] }, event('touch'))).toThrow('the snapshot is in none of the machine states');
  });
});
