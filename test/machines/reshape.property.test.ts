// The machines are written as readable lifecycles (DESIGN §3): each state lists its nominal edges,
// one root-level group takes every other assertion. They must still accept every assertion in
// every state and land exactly where a complete assertion table does. For generated contexts,
// every state × every assertion: the same state and the same context as the frozen tables in
// ./oracle.
import fc from 'fast-check';
import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import type { AgentContext } from '../../machines/agent.context.js';
import { channelMachine } from '../../machines/channel.machine.js';
import type { ChannelContext } from '../../machines/channel.context.js';
import type { Gap } from '../../machines/gaps.js';
import type { Participation, TaskContext } from '../../machines/task.context.js';
import { taskMachine } from '../../machines/task.machine.js';
import type { AgentEvent, CanonicalEvent, ChannelEvent, TaskEvent } from '../../src/events/canonical.js';
import { AGENT_STATES, CHANNEL_STATES, TASK_STATES, WORK_STATES } from '../../src/events/states.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { afterOne } from './machineSpec.js';
import { agentMachine as frozenAgentMachine } from './oracle/agent.machine.js';
import { channelMachine as frozenChannelMachine } from './oracle/channel.machine.js';
import { taskMachine as frozenTaskMachine } from './oracle/task.machine.js';

const RUNS = propertyRuns(200);

const time = fc.integer({ min: 0, max: 5_000 });
const agentIds = ['a1', 'a2', 'a3'] as const;
const taskIds = ['t1', 't2', 't3', ''] as const;
const envelope = (kind: CanonicalEvent['entity']['kind']) =>
  fc.record({ id: fc.constantFrom('e1', 'e2', 'e3'), time }).map(({ id, time: at }) => ({ source: 'webex' as const, id, time: at, entity: { kind, id: 'x' } }));
const gapsOf = <S extends string>(states: readonly S[]) =>
  fc.record({
    gaps: fc.array(fc.record({ from: fc.constantFrom(...states), to: fc.constantFrom(...states), at: time, eventId: fc.constant('g') }) as fc.Arbitrary<Gap<S>>, {
      maxLength: 17,
    }),
    gapCount: fc.nat({ max: 40 }),
  });
const since = fc.option(time, { nil: null });

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
    const idleCode = fc.option(fc.record({ id: fc.constantFrom('1', '2'), name: fc.constantFrom('Lunch', 'Break') }, { requiredKeys: [] }), { nil: undefined });
    const attributes = fc.option(fc.record({ teamId: fc.constantFrom('team-1', 'team-2'), destination: fc.constant('+1') }, { requiredKeys: [] }), { nil: undefined });
    const presence = fc.constantFrom('idle' as const, 'available' as const);
    const taskId = fc.constantFrom(...taskIds);
    const context: fc.Arbitrary<AgentContext> = fc
      .record({
        presence: fc.constantFrom('loggedOut' as const, 'idle' as const, 'available' as const),
        work: fc.dictionary(taskId, fc.constantFrom(...WORK_STATES), { maxKeys: 3 }),
        idleCode: fc.option(fc.record({ name: fc.constantFrom('Lunch', 'Meeting') }), { nil: null }),
        attributes: fc.record({ teamId: fc.constantFrom('team-1', 'team-3') }, { requiredKeys: [] }),
        since,
        gapRecord: gapsOf(AGENT_STATES),
      })
      .map(({ gapRecord, ...facts }) => ({ agentId: 'x', ...facts, ...gapRecord }));
    const events = fc
      .tuple(
        fc.record({ presence, idleCode, attributes }),
        fc.record({ attributes }),
        fc.record({ presence, endsWork: fc.boolean(), idleCode, attributes }),
        fc.record({ taskId, work: fc.constantFrom(...WORK_STATES), attributes }),
        fc.record({ taskId, presence: fc.option(presence, { nil: undefined }), attributes }),
        envelope('agent'),
      )
      .map(([loggedIn, loggedOut, presenceEvent, work, workEnded, at]) =>
        [
          { ...at, type: 'agent.loggedIn', ...loggedIn },
          { ...at, type: 'agent.loggedOut', ...loggedOut },
          { ...at, type: 'agent.presence', ...presenceEvent },
          { ...at, type: 'agent.work', ...work },
          { ...at, type: 'agent.workEnded', ...workEnded },
        ].map(withoutUndefined) as AgentEvent[],
      );
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
    const context: fc.Arbitrary<ChannelContext> = fc
      .record({ pendingIdle: fc.boolean(), idleCodeName: fc.option(fc.constantFrom('Lunch', 'Break'), { nil: null }), since, gapRecord: gapsOf(CHANNEL_STATES) })
      .map(({ gapRecord, ...rest }) => ({ channelId: 'x', ...rest, ...gapRecord }));
    const events = fc
      .tuple(
        fc.option(fc.record({ pendingIdle: fc.boolean(), idleCodeName: fc.constantFrom('Meeting', 'Lunch') }, { requiredKeys: [] }), { nil: undefined }),
        envelope('channel'),
      )
      .map(([attributes, at]) => CHANNEL_STATES.map((state) => withoutUndefined({ ...at, type: `channel.${state}`, attributes }) as ChannelEvent));
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
    const agent = fc.constantFrom(...agentIds);
    const participation = fc.constantFrom<Participation>('working', 'wrapup', 'done', 'left');
    const durations = fc.record({ queueMs: time, ringMs: time, talkMs: time, holdMs: time, suspendedMs: time, wrapupMs: time });
    const context: fc.Arbitrary<TaskContext> = fc
      .record({
        attributes: fc.record({ queueId: fc.constantFrom('q1', 'q2'), origin: fc.constant('+1555') }, { requiredKeys: [] }),
        participants: fc.dictionary(agent, participation, { maxKeys: 3 }),
        captures: fc.subarray(['c1', 'c2']),
        enteredAt: fc.dictionary(fc.constantFrom(...TASK_STATES), time, { maxKeys: 4 }),
        durations,
        since,
        lastEventAt: fc.option(time, { nil: null }),
        gapRecord: gapsOf(TASK_STATES),
      })
      .map(({ gapRecord, ...rest }) => ({ taskId: 'x', ...rest, ...gapRecord }));
    const fields = fc.record(
      {
        agentJoined: agent,
        agentLeft: agent,
        capture: fc.constantFrom('c1', 'c3'),
        unlessTransferPending: fc.constant(true as const),
        attributes: fc.record({ queueId: fc.constant('q3'), endReason: fc.constant('hangup') }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const events = fc
      .tuple(fields, envelope('task'))
      .map(([assertion, at]) => [...TASK_STATES.map((state) => `task.${state}` as const), 'task.updated' as const].map((type) => ({ ...at, type, ...assertion }) as TaskEvent));
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

/** Optional fields are absent, not undefined, as the adapters make them. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
