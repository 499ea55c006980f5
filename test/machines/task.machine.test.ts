import { describe, expect, it } from 'vitest';
import { initialTaskContext, participatingAgents, recordTaskAssertion, type TaskContext } from '../../machines/task.context.js';
import { taskMachine } from '../../machines/task.machine.js';
import { TASK_STATES, type TaskState } from '../../src/events/states.js';
import { givenMachine } from '../support/givenWhen.js';
import { taskEvent } from '../support/canonical.js';
import type { TaskEvent } from '../../src/events/canonical.js';
import { afterOne, drawnEdges, listedStays, resyncGroup } from './machineSpec.js';

const given = givenMachine(taskMachine, (assertion: Parameters<typeof taskEvent>[0]) => taskEvent(assertion), 't1');

describe('task machine', () => {
  it('follows the nominal lifecycle without gaps', () => {
    const snapshot = given(
      { type: 'task.new' },
      { type: 'task.queued' },
      { type: 'task.offered', agentJoined: 'a1' },
      { type: 'task.connected', agentJoined: 'a1' },
      { type: 'task.held' },
      { type: 'task.connected' },
      { type: 'task.ended', attributes: { endReason: 'Customer left', endParty: 'Customer' } },
      { type: 'task.wrapup', agentJoined: 'a1' },
      { type: 'task.closed', agentJoined: 'a1' },
    );
    expect(snapshot.value).toBe('closed');
    expect(snapshot.context.gapCount).toBe(0);
    expect(snapshot.context.attributes).toMatchObject({ endReason: 'Customer left', endParty: 'Customer' });
    expect(snapshot.context.enteredAt).toEqual({ new: 1000, queued: 1001, offered: 1002, connected: 1003, held: 1004, ended: 1006, wrapup: 1007, closed: 1008 });
    expect(snapshot.context.durations).toMatchObject({ queueMs: 1, ringMs: 1, talkMs: 2, holdMs: 1, wrapupMs: 1 });
  });

  it('takes an assertion that skips states and records the gap', () => {
    const snapshot = given({ type: 'task.new' }, { type: 'task.wrapup' });
    expect(snapshot.value).toBe('wrapup');
    expect(snapshot.context.gaps).toEqual([{ from: 'new', to: 'wrapup', at: 1001, eventId: expect.any(String) }]);
    expect(snapshot.context.gapCount).toBe(1);
  });

  it('given a task with attributes, when an event repeats them, then it keeps the same attributes object; a new value or key makes a new one', () => {
    const step = (context: TaskContext, attributes: TaskEvent['attributes']) => recordTaskAssertion(context, taskEvent({ type: 'task.queued', attributes }), 'queued', 'queued');
    const queued = given({ type: 'task.new', attributes: { queueId: 'q1', channelType: 'telephony' } }).context;
    const repeated = step(queued, { queueId: 'q1' });
    expect(repeated.attributes).toBe(queued.attributes);
    const moved = step(repeated, { queueId: 'q2' });
    expect(moved.attributes).toEqual({ queueId: 'q2', channelType: 'telephony' });
    expect(queued.attributes).toEqual({ queueId: 'q1', channelType: 'telephony' });
    expect(Object.keys(step(moved, { direction: undefined }).attributes)).toEqual(['queueId', 'channelType', 'direction']);
  });

  it('absorbs a capture that arrives after the task closed', () => {
    const snapshot = given({ type: 'task.ended' }, { type: 'task.closed' }, { type: 'task.updated', capture: 'https://captures/1' });
    expect(snapshot.value).toBe('closed');
    expect(snapshot.context.captures).toEqual(['https://captures/1']);
  });

  it('absorbs a state assertion after closed as attributes only', () => {
    const snapshot = given({ type: 'task.closed' }, { type: 'task.connected', attributes: { queueId: 'q9' } });
    expect(snapshot.value).toBe('closed');
    expect(snapshot.context.attributes.queueId).toBe('q9');
  });

  it('keeps a conference going when the consulted agent wraps up, and closes when the last agent is done', () => {
    const conference = [
      { type: 'task.connected', agentJoined: 'a1' },
      { type: 'task.conferencing', agentJoined: 'a2' },
      { type: 'task.connected' },
      { type: 'task.wrapup', agentJoined: 'a2' },
      { type: 'task.closed', agentJoined: 'a2' },
    ] as const;
    const during = given(...conference);
    expect(during.value).toBe('connected');
    expect(during.context.participants).toEqual({ a1: 'working', a2: 'done' });
    const after = given(...conference, { type: 'task.ended' }, { type: 'task.wrapup', agentJoined: 'a1' }, { type: 'task.closed', agentJoined: 'a1' });
    expect(after.value).toBe('closed');
  });

  it('marks an agent that did not answer (RONA) as left, and that agent closing its leg moves nothing', () => {
    const snapshot = given({ type: 'task.offered', agentJoined: 'a1' }, { type: 'task.queued', agentLeft: 'a1' });
    expect(snapshot.value).toBe('queued');
    expect(snapshot.context.participants).toEqual({ a1: 'left' });
    expect(participatingAgents(snapshot.context)).toEqual([]);
    const closedLeg = given({ type: 'task.offered', agentJoined: 'a1' }, { type: 'task.queued', agentLeft: 'a1' }, { type: 'task.closed', agentJoined: 'a1' });
    expect(closedLeg.value).toBe('queued');
    expect(closedLeg.context.participants).toEqual({ a1: 'left' });
  });

  it('shares the participants with the snapshot before when an assertion leaves every participation as it was (the ledger keeps a snapshot after every event)', () => {
    const connected = given({ type: 'task.offered', agentJoined: 'a1' }, { type: 'task.connected', agentJoined: 'a1' });
    const held = afterOne(taskMachine, 'connected', connected.context, taskEvent({ type: 'task.held', agentJoined: 'a1' }, { time: 2000 }));
    expect(held.value).toBe('held');
    expect(held.context.participants).toBe(connected.context.participants);
    const wrapping = afterOne(taskMachine, 'ended', connected.context, taskEvent({ type: 'task.wrapup', agentJoined: 'a1' }, { time: 2000 }));
    expect(wrapping.context.participants).toEqual({ a1: 'wrapup' });
  });

  it('keeps wrap-up when the end is asserted after it', () => {
    const snapshot = given({ type: 'task.connected' }, { type: 'task.wrapup' }, { type: 'task.ended', attributes: { endParty: 'customer' } });
    expect(snapshot.value).toBe('wrapup');
    expect(snapshot.context.attributes.endParty).toBe('customer');
  });

  it('keeps a task queued for a transfer when the previous agent leaves, and ends it otherwise', () => {
    const transferred = given(
      { type: 'task.connected', agentJoined: 'a1' },
      { type: 'task.queued' },
      { type: 'task.ended', agentLeft: 'a1', unlessTransferPending: true },
    );
    expect(transferred.value).toBe('queued');
    const left = given({ type: 'task.connected', agentJoined: 'a1' }, { type: 'task.ended', agentLeft: 'a1', unlessTransferPending: true });
    expect(left.value).toBe('ended');
  });

  it('re-opens an ended chat when it is queued or joined again', () => {
    expect(given({ type: 'task.connected' }, { type: 'task.ended' }, { type: 'task.queued' }).value).toBe('queued');
    const rejoined = given({ type: 'task.connected' }, { type: 'task.ended' }, { type: 'task.connected' });
    expect(rejoined.value).toBe('connected');
    expect(rejoined.context.gapCount).toBe(0);
  });
});

describe('task chart', () => {
  // DESIGN §3: new → queued → offered → connected ⇄ held; connected/held → consulting →
  // conferencing; suspended; → ended → wrapup → closed. Plus what real feeds do on the way:
  // routed without a queue, not answered (back to the queue), abandoned, no wrap-up.
  // Every step of TASK_LIFECYCLE, in the order the table lists them.
  const NOMINAL = [
    'new --task.queued--> queued',
    'new --task.offered--> offered',
    'new --task.connected--> connected',
    'new --task.ended--> ended',
    'queued --task.offered--> offered',
    'queued --task.connected--> connected',
    'queued --task.ended--> ended',
    'offered --task.connected--> connected',
    'offered --task.consulting--> consulting',
    'offered --task.queued--> queued',
    'offered --task.ended--> ended',
    'connected --task.held--> held',
    'connected --task.consulting--> consulting',
    'connected --task.conferencing--> conferencing',
    'connected --task.suspended--> suspended',
    'connected --task.ended--> ended',
    'held --task.connected--> connected',
    'held --task.consulting--> consulting',
    'held --task.conferencing--> conferencing',
    'held --task.suspended--> suspended',
    'held --task.ended--> ended',
    'consulting --task.held--> held',
    'consulting --task.conferencing--> conferencing',
    'consulting --task.connected--> connected',
    'consulting --task.offered--> offered',
    'consulting --task.ended--> ended',
    'conferencing --task.connected--> connected',
    'conferencing --task.held--> held',
    'conferencing --task.ended--> ended',
    'suspended --task.connected--> connected',
    'suspended --task.ended--> ended',
    'ended --task.wrapup--> wrapup',
    'ended --task.closed--> closed',
    'ended --task.queued--> queued',
    'ended --task.offered--> offered',
    'ended --task.connected--> connected',
    'wrapup --task.closed--> closed',
  ];
  /** A task one agent works on, in the state the row starts from. */
  const working: TaskContext = { ...initialTaskContext('t1'), participants: { a1: 'working' }, since: 500, lastEventAt: 500 };
  const assert = (from: TaskState, type: TaskEvent['type'], fields: Partial<TaskEvent> = {}) =>
    afterOne(taskMachine, from, working, taskEvent({ type, agentJoined: 'a1', ...fields } as Parameters<typeof taskEvent>[0], { time: 1000 }));

  it('draws exactly the nominal edges, the assertions that stay, and one resync edge per state', () => {
    expect(drawnEdges(taskMachine)).toEqual(NOMINAL);
    const othersStayOn = (state: TaskState) => [`${state}: task.wrapup [movesOnlyTheAgent(to: wrapup)]`, `${state}: task.closed [movesOnlyTheAgent(to: closed)]`];
    const GUARDED_STAYS: Partial<Record<TaskState, string[]>> = {
      queued: ['queued: task.ended [isTransferPending]'],
      connected: othersStayOn('connected'),
      conferencing: othersStayOn('conferencing'),
    };
    // Every state but closed keeps its own assertion and attribute updates in place; closed absorbs all.
    const inPlace = (state: TaskState) => [`${state}: task.${state}`, `${state}: task.updated`];
    expect(listedStays(taskMachine)).toEqual([
      ...TASK_STATES.slice(0, 9).flatMap((state) => [...inPlace(state), ...(GUARDED_STAYS[state] ?? [])]),
      'ended: task.wrapup [movesOnlyTheAgent(to: wrapup)]',
      'ended: task.closed [movesOnlyTheAgent(to: closed)]',
      ...inPlace('wrapup'),
      'wrapup: task.ended',
      'wrapup: task.closed [movesOnlyTheAgent(to: closed)]',
      'closed: task.*',
    ]);
    expect(resyncGroup(taskMachine)).toEqual(TASK_STATES.map((state) => `task.${state} → ${state}`));
  });

  it.each(NOMINAL.map((edge) => edge.split(/ --|--> /) as [TaskState, TaskEvent['type'], TaskState]))('%s on %s moves to %s without a gap', (from, type, to) => {
    const after = assert(from, type);
    expect(after.value).toBe(to);
    expect(after.context.gapCount).toBe(0);
    expect(after.context.enteredAt[to]).toBe(1000);
  });

  // The skips the lifecycle has no step for, from each state: a resync into one of these is a gap.
  // (The lifecycle's own table says the same in positive terms: machines/task.context.ts.)
  const GAPS: Record<Exclude<TaskState, 'closed'>, TaskState[]> = {
    new: ['held', 'consulting', 'conferencing', 'suspended', 'wrapup', 'closed'],
    queued: ['new', 'held', 'consulting', 'conferencing', 'suspended', 'wrapup', 'closed'],
    offered: ['new', 'held', 'conferencing', 'suspended', 'wrapup', 'closed'],
    connected: ['new', 'queued', 'offered', 'wrapup', 'closed'],
    held: ['new', 'queued', 'offered', 'wrapup', 'closed'],
    consulting: ['new', 'queued', 'suspended', 'wrapup', 'closed'],
    conferencing: ['new', 'queued', 'offered', 'consulting', 'suspended', 'wrapup', 'closed'],
    suspended: ['new', 'queued', 'offered', 'held', 'consulting', 'conferencing', 'wrapup', 'closed'],
    // A chat that was left can be re-opened (8x8): queued, offered or connected again is no gap.
    ended: ['new', 'held', 'consulting', 'conferencing', 'suspended'],
    wrapup: ['new', 'queued', 'offered', 'connected', 'held', 'consulting', 'conferencing', 'suspended'],
  };

  it.each(Object.keys(GAPS) as (keyof typeof GAPS)[])('takes every other assertion from %s, with a gap where the lifecycle has no step', (from) => {
    for (const to of TASK_STATES.filter((state) => state !== from)) {
      const after = assert(from, `task.${to}`);
      // Wrap-up comes after the end: an end asserted during wrap-up moves nothing.
      const lands = from === 'wrapup' && to === 'ended' ? 'wrapup' : to;
      expect({ to, value: after.value, gaps: after.context.gaps }).toEqual({
        to,
        value: lands,
        gaps: lands !== from && GAPS[from].includes(to) ? [{ from, to, at: 1000, eventId: expect.any(String) }] : [],
      });
    }
  });

  it('records attributes in place from any state, and closed absorbs every assertion', () => {
    for (const from of TASK_STATES) {
      const after = assert(from, 'task.updated', { capture: 'c1', attributes: { origin: 'x' } });
      expect(after).toMatchObject({ value: from, context: { captures: ['c1'], attributes: { origin: 'x' }, gapCount: 0, since: 500 } });
      expect(assert('closed', `task.${from}`).value).toBe('closed');
    }
  });

  it('keeps the task where it is when another agent is still on it, from any state', () => {
    const twoAgents = { ...working, participants: { a1: 'working' as const, a2: 'working' as const } };
    for (const from of TASK_STATES) {
      for (const type of ['task.wrapup', 'task.closed'] as const) {
        const after = afterOne(taskMachine, from, twoAgents, taskEvent({ type, agentJoined: 'a2' }, { time: 1000 }));
        expect({ from, type, value: after.value, gapCount: after.context.gapCount }).toEqual({ from, type, value: from, gapCount: 0 });
        expect(after.context.participants).toEqual({ a1: 'working', a2: type === 'task.wrapup' ? 'wrapup' : 'done' });
      }
    }
  });
});
