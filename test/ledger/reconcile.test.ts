// Reconcile as a step of its own (DESIGN §4.10): an authoritative state placed at asOf among the
// entity's events, kept through compaction and snapshots, and refused (never dropping events)
// when asOf lies before what the ledger still holds; and the engine's `reconcile`, which takes a
// vendor API's answer to it (bad input refused with a reason).
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import type { TaskState } from '../../src/events/states.js';
import { EntityLedger, type Reconciliation } from '../../src/ledger/entityLedger.js';
import { ReconcileRefusedError } from '../../src/ledger/reconcile.js';
import { authoritativeSnapshot, ENTITY_RULES } from '../../src/engine/entityMachines.js';
import { createEngine, type Engine } from '../../src/index.js';
import { givenTaskLedger } from '../support/givenWhen.js';
import { agentEvent, taskEvent, taskLifecycle } from '../support/canonical.js';

const lifecycle = taskLifecycle();
const ended = lifecycle[6]!;

const given = givenTaskLedger;

/** What a vendor API says the task was at `asOf`. */
const says = (state: TaskState, asOf: number, reason = 'vendor API'): Reconciliation => ({
  authority: authoritativeSnapshot('t1', { kind: 'task', state }, asOf),
  asOf,
  reason,
});

const stateOf = (ledger: EntityLedger) => ledger.current.value;

/** Late `held` events: one at `absorbed` leaves nothing to reconcile, a later one at `flagged` needs reconciliation. */
function expectAbsorbedUpTo(ledger: EntityLedger, absorbed: number, flagged: number): void {
  expect(ledger.ingest(taskEvent({ type: 'task.held' }, { id: 'absorbed', time: absorbed }))).toBe('late');
  expect(ledger.needsReconciliation).toBe(false);
  expect(ledger.ingest(taskEvent({ type: 'task.held' }, { id: 'flagged', time: flagged }))).toBe('late');
  expect(ledger.needsReconciliation).toBe(true);
}

describe('reconcile in the ledger', () => {
  it('places the authority at asOf: events after it are folded on top, in whatever order they come', () => {
    const ledger = given(lifecycle.slice(0, 3));
    ledger.reconcile(says('held', 350));
    expect(stateOf(ledger)).toBe('held');
    expect(ledger.ingest(ended)).toBe('applied');
    expect(stateOf(ledger)).toBe('ended');
    // An event between asOf and the end, arriving late: placed after the reconcile.
    expect(ledger.ingest(taskEvent({ type: 'task.connected' }, { id: 'r', time: 500 }))).toBe('reordered');
    expect(ledger.current.context.enteredAt).toMatchObject({ held: 350, connected: 500, ended: 700 });
  });

  it('lets the later of two reconciles at the same instant win, and an event at that instant fold before both', () => {
    const ledger = given(lifecycle.slice(0, 2));
    ledger.reconcile(says('connected', 250));
    ledger.reconcile(says('held', 250));
    expect(stateOf(ledger)).toBe('held');
    expect(ledger.ingest(taskEvent({ type: 'task.ended' }, { id: 'same-instant', time: 250 }))).toBe('reordered');
    expect(stateOf(ledger)).toBe('held');
  });

  it('refuses a reconcile before the compacted base, and changes nothing', () => {
    const ledger = given(lifecycle);
    ledger.compact(500, 0);
    const before = JSON.stringify(ledger.toSnapshot());
    expect(() => ledger.reconcile(says('queued', 250))).toThrow(ReconcileRefusedError);
    expect(() => ledger.reconcile(says('queued', 250))).toThrow(
      /compacted into its base.*Reconcile as of that time or later, or behind a store \(openDurableEngine\), whose log holds them\.$/,
    );
    expect(() => ledger.reconcile(says('queued', 250))).toThrow(expect.objectContaining({ name: 'ReconcileRefusedError', asOf: 250, baseTime: 400 }));
    expect(JSON.stringify(ledger.toSnapshot())).toBe(before);
    expect(stateOf(ledger)).toBe('ended');
    // At the base's own time it can still be placed: after every event of that instant.
    ledger.reconcile(says('connected', 400));
    expect(stateOf(ledger)).toBe('ended');
  });

  it('keeps its effect once compacted: a late event before asOf is absorbed, one after it needs reconciliation', () => {
    const ledger = given(lifecycle.slice(0, 3));
    ledger.reconcile(says('connected', 350));
    ledger.ingest(ended);
    ledger.compact(800, 0);
    expectAbsorbedUpTo(ledger, 320, 600);
  });

  it('given reconciles at one instant compacted into the base, when another comes for that instant, then it is placed after them (the eleventh too)', () => {
    const ledger = given(lifecycle.slice(0, 3));
    const states: TaskState[] = ['queued', 'offered', 'connected', 'held', 'connected', 'held', 'connected', 'held', 'connected', 'held'];
    for (const state of states) ledger.reconcile(says(state, 350));
    ledger.compact(351, 0);
    expect(ledger.size).toBe(0);
    ledger.reconcile(says('ended', 350));
    expect(stateOf(ledger)).toBe('ended');
    expect(ledger.toSnapshot().reconcileCount).toBe(11);
  });

  it('given a later reconcile placed first, then an event up to the later asOf is absorbed once compacted, one after it is not', () => {
    const ledger = given(lifecycle.slice(0, 3));
    ledger.reconcile(says('held', 600));
    ledger.reconcile(says('connected', 500));
    ledger.ingest(ended);
    ledger.compact(800, 0);
    expectAbsorbedUpTo(ledger, 600, 601);
  });

  it('given a late event at the instant of the base, when a reconcile is placed at that instant, then it absorbs that event', () => {
    const ledger = given(lifecycle.slice(0, 4));
    ledger.compact(401, 0);
    expect(ledger.ingest(taskEvent({ type: 'task.new' }, { id: 'a-late-one', time: 400 }))).toBe('late');
    expect(ledger.needsReconciliation).toBe(true);
    ledger.reconcile(says('held', 400));
    expect(ledger.late).toEqual([]);
    expect(ledger.needsReconciliation).toBe(false);
  });

  it('given an agent whose events of one instant take the tie rule, then a reconcile at that instant still folds after all of them', () => {
    const agent = new EntityLedger({ kind: 'agent', id: 'a1' }, ENTITY_RULES.agent);
    const presence = (id: string) => agentEvent({ type: 'agent.presence', presence: 'idle', endsWork: false }, { id, time: 5 });
    agent.ingest(presence('a'));
    agent.ingest(presence('b'));
    agent.reconcile({ authority: authoritativeSnapshot('a1', { kind: 'agent', state: 'available' }, 5), asOf: 5, reason: 'vendor API' });
    expect(agent.ingest(presence('c'))).toBe('reordered');
    expect(agent.current.value).toBe('available');
    expect(agent.toSnapshot().reconciles).toHaveLength(1);
    expect(agent.toSnapshot().entries.map((event) => event.id)).toEqual(['a', 'b', 'c']);
  });

  it('round-trips a reconcile still in the timeline through the ledger snapshot', () => {
    const ledger = given(lifecycle.slice(0, 3));
    ledger.reconcile(says('held', 350, 'checked with the vendor'));
    const restored = EntityLedger.fromSnapshot(JSON.parse(JSON.stringify(ledger.toSnapshot())), ENTITY_RULES.task);
    expect(restored.toSnapshot().reconciles).toEqual([expect.objectContaining({ asOf: 350, reason: 'checked with the vendor' })]);
    for (const subject of [ledger, restored]) subject.ingest(taskEvent({ type: 'task.connected' }, { id: 'r', time: 340 }));
    expect(restored.current.value).toBe('held');
    expect(restored.current.context).toEqual(ledger.current.context);
    // The next reconcile at the same instant still folds after the restored one.
    restored.reconcile(says('suspended', 350));
    expect(stateOf(restored)).toBe('suspended');
  });

  it('rebuilds with the reconciles of its history, whatever order the events come in', () => {
    const ledger = given([]);
    ledger.rebuild([...lifecycle].reverse(), [says('held', 350), says('conferencing', 350)]);
    expect(stateOf(ledger)).toBe('ended');
    // new, queued and offered came before the reconcile: absorbed.
    expect(ledger.current.context.enteredAt).toEqual({ conferencing: 350, connected: 400, held: 500, ended: 700 });
  });
});

const T = Date.UTC(2026, 2, 4, 9);
const SECOND = 1000;
const deliver = (engine: Engine, body: webhook.WebexBody) => engine.ingest({ source: 'webex', body: JSON.stringify(body) });

/** Task t1 queued at T and ended at T + 10 min; other traffic moves the clock on 20 minutes. */
function givenAnEndedTask(horizonMs: number): Engine {
  const engine = createEngine({ horizonMs });
  deliver(engine, webhook.taskEvent('n', T, 'task:new', 't1'));
  deliver(engine, webhook.taskEvent('q', T + SECOND, 'task:parked', 't1'));
  deliver(engine, webhook.taskEvent('e', T + 600 * SECOND, 'task:ended', 't1'));
  for (let second = 610; second <= 1200; second += 10) deliver(engine, webhook.agentStateChange(`s${second}`, T + second * SECOND, 'a9', 'available'));
  return engine;
}

describe('engine.reconcile in memory', () => {
  it('refuses a reconcile before the compacted base with a clear error, and drops nothing', () => {
    const engine = givenAnEndedTask(60_000);
    const before = engine.task('t1');
    expect(before?.state).toBe('ended');
    const attempt = () => engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'task', state: 'queued' }, T + 30 * SECOND, 'from the vendor API');
    expect(attempt).toThrow(ReconcileRefusedError);
    expect(attempt).toThrow(/task "t1" as of 2026-03-04T09:00:30.000Z refused: its events up to 2026-03-04T09:10:00.000Z are compacted/);
    expect(engine.task('t1')).toEqual(before);
  });

  it('is exact while the events after asOf are held: they are refolded on top', () => {
    const engine = givenAnEndedTask(3_600_000);
    engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'task', state: 'connected', agents: ['a1'] }, T + 30 * SECOND, 'from the vendor API');
    expect(engine.task('t1')).toMatchObject({ state: 'ended', agents: ['a1'], enteredAt: { connected: T + 30 * SECOND, ended: T + 600 * SECOND } });
    expect(engine.task('t1')?.durations.talkMs).toBe(570 * SECOND);
  });

  it('refuses bad input with a reason: a state of another kind, an asOf that is no time', () => {
    const engine = createEngine();
    expect(() => engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'agent', state: 'idle' }, T)).toThrow(/a agent state for a task/);
    expect(() => engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'task', state: 'queued' }, Number.NaN)).toThrow(/asOf must be an epoch time/);
    expect(engine.tasks()).toEqual([]);
  });
});
