// Reconcile that never loses data (DESIGN §4.10), in memory: exact while the engine holds the
// events after asOf, refused with a clear error before its compacted base.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine, ReconcileRefusedError } from '../../src/index.js';

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
