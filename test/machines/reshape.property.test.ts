// The machines are written as readable lifecycles (DESIGN §3): each state lists its nominal edges,
// one root-level group takes every other assertion. They must still accept every assertion in
// every state and land exactly where a complete assertion table does. For generated contexts,
// every state × every assertion: the same state and the same context as the frozen tables in
// ./oracle.
import fc from 'fast-check';
import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import { channelMachine } from '../../machines/channel.machine.js';
import { taskMachine } from '../../machines/task.machine.js';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { AGENT_STATES, CHANNEL_STATES, TASK_STATES } from '../../src/events/states.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { agentArbitraries, channelArbitraries, taskArbitraries } from './machineArbitraries.js';
import { afterOne } from './machineSpec.js';
import { agentMachine as frozenAgentMachine } from './oracle/agent.machine.js';
import { channelMachine as frozenChannelMachine } from './oracle/channel.machine.js';
import { taskMachine as frozenTaskMachine } from './oracle/task.machine.js';

const RUNS = propertyRuns(200);

/** What a run reached, to check the generators reach the guarded and gap cases. */
type Tally = Map<string, number>;
const count = (tally: Tally, what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);

/** Every state × every event: the reshaped machine lands where the frozen one does. */
function expectSameAsFrozen(
  machine: AnyStateMachine,
  frozen: AnyStateMachine,
  states: readonly string[],
  context: { since: number | null; gapCount: number },
  events: CanonicalEvent[],
  tally: Tally,
) {
  for (const value of states) {
    for (const event of events) {
      const expected = afterOne(frozen, value, context, event);
      const actual = afterOne(machine, value, context, event);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect({ from: value, event, ...actual }).toEqual({ from: value, event, ...expected });
      }
      const gap = (expected.context as { gapCount: number }).gapCount > context.gapCount;
      const outcome = `${event.type} ${expected.value === value ? 'stays' : 'moves'}${gap ? ' with a gap' : ''}${context.since === null ? ', first' : ''}`;
      count(tally, outcome);
      count(tally, `from ${value}: ${outcome}`);
    }
  }
}

/** Every kind of outcome the generators are meant to produce, for each assertion. */
function expectReached(tally: Tally, types: readonly string[], outcomes: readonly string[]) {
  const missing = types.flatMap((type) => outcomes.map((outcome) => `${type} ${outcome}`)).filter((what) => !tally.has(what));
  expect(missing).toEqual([]);
}

describe('reshaped machines equal the assertion tables they replace', () => {
  it('agent: every presence × work context, every state, every assertion', () => {
    const { context, events } = agentArbitraries;
    const tally: Tally = new Map();
    fc.assert(
      fc.property(context, events, (generated, assertions) => expectSameAsFrozen(agentMachine, frozenAgentMachine, AGENT_STATES, generated, assertions, tally)),
      { numRuns: RUNS },
    );
    // Logins, logouts and presence never skip a state; work after a logout does.
    expectReached(tally, ['agent.loggedIn', 'agent.loggedOut', 'agent.presence', 'agent.workEnded'], ['stays', 'moves', 'moves, first']);
    expectReached(tally, ['agent.work'], ['stays', 'moves', 'moves with a gap', 'moves, first']);
  });

  it('channel: every state, every assertion, with and without attributes', () => {
    const { context, events } = channelArbitraries;
    const tally: Tally = new Map();
    fc.assert(
      fc.property(context, events, (generated, assertions) => expectSameAsFrozen(channelMachine, frozenChannelMachine, CHANNEL_STATES, generated, assertions, tally)),
      { numRuns: RUNS },
    );
    const types = CHANNEL_STATES.map((state) => `channel.${state}`);
    expectReached(tally, types, ['stays', 'moves', 'moves, first']);
    // Idle, available and logging out are legal from anywhere.
    expectReached(tally, ['channel.reserved', 'channel.engaged', 'channel.engagedOther', 'channel.wrapup'], ['moves with a gap']);
  });

  it('task: every state, every assertion, with participants, transfers and captures', () => {
    const { context, events } = taskArbitraries;
    const tally: Tally = new Map();
    fc.assert(
      fc.property(context, events, (generated, assertions) => expectSameAsFrozen(taskMachine, frozenTaskMachine, TASK_STATES, generated, assertions, tally)),
      { numRuns: RUNS },
    );
    const types = TASK_STATES.map((state) => `task.${state}`);
    expectReached(tally, [...types, 'task.updated'], ['stays', 'stays, first']);
    expectReached(tally, types.filter((type) => type !== 'task.new'), ['moves', 'moves, first']);
    // An end is legal from every state it moves from.
    expectReached(tally, types.filter((type) => type !== 'task.ended'), ['moves with a gap']);
    // The guarded stays: a transfer pending, an agent who is not the last one wrapping up or closing.
    expectReached(tally, ['from queued:'], ['task.ended stays']);
    expectReached(tally, ['from connected:', 'from held:', 'from ended:'], ['task.wrapup stays', 'task.closed stays']);
  });
});
