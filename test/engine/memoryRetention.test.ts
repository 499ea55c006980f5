// Memory retention (DESIGN §4.9): a finished task leaves memory a retention period after its last event;
// a later event for it is `late` ("entity expired"), flagged for reconciliation only when it says
// something newer than the task's end; live work and agents stay.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import type { AuthoritativeState } from '../../src/engine/entityMachines.js';
import { createEngine, type Engine } from '../../src/index.js';

const T = Date.UTC(2026, 2, 4, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (minutes: number) => T + minutes * MINUTE;
/** One hour of retention and dedupe window: the sweep runs every 7.5 minutes of the clock. */
const SHORT = { horizonMs: 15 * MINUTE, dedupeWindowMs: HOUR, retentionMs: HOUR };

const deliver = (engine: Engine, body: webhook.WebexBody) => engine.ingest({ source: 'webex', body: JSON.stringify(body) });

/** Task `id` from new at `start` to ended at `start + 5` minutes, nobody on it (abandoned in queue). */
function abandonedTask(engine: Engine, id: string, start: number): void {
  deliver(engine, webhook.taskEvent(`${id}-n`, at(start), 'task:new', id));
  deliver(engine, webhook.taskEvent(`${id}-q`, at(start + 1), 'task:parked', id));
  deliver(engine, webhook.taskEvent(`${id}-e`, at(start + 5), 'task:ended', id));
}

/** Moves the source's clock with agent a9's state changes, one every 5 minutes, through `until`. */
function time(engine: Engine, from: number, until: number): void {
  for (let minute = from; minute <= until; minute += 5) deliver(engine, webhook.agentStateChange(`clock-${minute}`, at(minute), 'a9', minute % 10 ? 'idle' : 'available'));
}

describe('retention', () => {
  it('takes a finished task out of memory a retention period after its last event, and its view out of the document', () => {
    const engine = createEngine(SHORT);
    abandonedTask(engine, 't1', 0);
    time(engine, 5, 60);
    expect(engine.task('t1')?.state).toBe('ended');
    time(engine, 65, 80);
    expect(engine.task('t1')).toBeUndefined();
    expect(engine.tasks().map((view) => view.id)).toEqual([]);
    expect(engine.state().tasks).not.toHaveProperty('t1');
    expect(engine.snapshot().ledgers.map((ledger) => ledger.entity.id)).toEqual(['a9']);
    expect(engine.stats().tasks).toBe(0);
  });

  it('keeps live work and agents, however long ago their last event', () => {
    const engine = createEngine(SHORT);
    deliver(engine, webhook.taskEvent('n', at(0), 'task:new', 'live'));
    deliver(engine, webhook.agentLogin('l', at(0), 'a1', 'team', true));
    deliver(engine, webhook.agentLogout('o', at(1), 'a1'));
    time(engine, 5, 300);
    expect(engine.task('live')?.state).toBe('new');
    expect(engine.agent('a1')?.state).toBe('loggedOut');
    // The next shift's login is newer than the agent's last event: applied, not late.
    expect(deliver(engine, webhook.agentLogin('l2', at(301), 'a1', 'team', true)).status).toBe('applied');
  });

  it('keeps a task someone is still wrapping up', () => {
    const engine = createEngine(SHORT);
    deliver(engine, webhook.taskEvent('n', at(0), 'task:new', 't1'));
    deliver(engine, webhook.agentStateChange('r', at(1), 'a1', 'ringing', { taskId: 't1' }));
    deliver(engine, webhook.agentStateChange('c', at(2), 'a1', 'connected', { taskId: 't1' }));
    deliver(engine, webhook.taskEvent('e', at(3), 'task:ended', 't1'));
    deliver(engine, webhook.agentStateChange('w', at(3), 'a1', 'wrapup', { taskId: 't1' }));
    time(engine, 5, 200);
    expect(engine.task('t1')?.state).toBe('wrapup');
  });

  it('answers a later event for a task that left memory `late` ("entity expired"), a redelivery without asking for a reconcile', () => {
    const engine = createEngine(SHORT);
    abandonedTask(engine, 't1', 0);
    time(engine, 5, 80);
    const redelivery = deliver(engine, webhook.taskEvent('t1-e', at(5), 'task:ended', 't1'));
    expect(redelivery).toMatchObject({ status: 'late', reason: expect.stringMatching(/^entity expired/), entities: [{ entity: { kind: 'task', id: 't1' }, status: 'late' }] });
    expect(engine.task('t1')).toBeUndefined();
    expect(engine.needingReconciliation()).toEqual([]);
    // Something newer than its end: the task is one to reconcile.
    expect(deliver(engine, webhook.captureAvailable('cap', at(81), 't1')).status).toBe('late');
    expect(engine.needingReconciliation()).toEqual([{ entity: { kind: 'task', id: 't1' }, gaps: 0, late: 2 }]);
    expect(engine.stats()).toMatchObject({ needingReconciliation: 1, outcomes: { late: 2 } });
    expect(engine.deadLetters().map((letter) => letter.outcome.status)).toEqual(['late', 'late']);
  });

  it('remembers the tombstone through a snapshot, and forgets it two retention periods after the last event', () => {
    const engine = createEngine(SHORT);
    abandonedTask(engine, 't1', 0);
    time(engine, 5, 80);
    expect(deliver(engine, webhook.captureAvailable('cap', at(81), 't1')).status).toBe('late');
    const restored = createEngine({ ...SHORT, snapshot: JSON.parse(JSON.stringify(engine.snapshot())) });
    expect(restored.needingReconciliation()).toEqual([{ entity: { kind: 'task', id: 't1' }, gaps: 0, late: 1 }]);
    expect(deliver(restored, webhook.taskEvent('t1-e', at(5), 'task:ended', 't1')).status).toBe('late');
    time(restored, 85, 140);
    // A task of the same id is now a new one.
    expect(deliver(restored, webhook.taskEvent('again', at(141), 'task:new', 't1')).status).toBe('applied');
    expect(restored.task('t1')?.state).toBe('new');
  });

  it('refuses a reconcile before the end of a task that left memory, and takes one as of its end or later', () => {
    const engine = createEngine(SHORT);
    abandonedTask(engine, 't1', 0);
    time(engine, 5, 80);
    const closed: AuthoritativeState = { kind: 'task', state: 'closed', agents: [] };
    expect(() => engine.reconcile({ kind: 'task', id: 't1' }, closed, at(2))).toThrow(/refused/);
    expect(engine.task('t1')).toBeUndefined();
    engine.reconcile({ kind: 'task', id: 't1' }, closed, at(5), 'vendor API');
    expect(engine.task('t1')?.state).toBe('closed');
  });

  it('is never shorter than the dedupe window and the horizon: a shorter one is refused, the default follows them', () => {
    expect(() => createEngine({ dedupeWindowMs: 2 * HOUR, retentionMs: HOUR })).toThrow(/retentionMs 3600000: must be .* no shorter than .* \(7200000 ms\)/);
    expect(() => createEngine({ horizonMs: 30 * HOUR, retentionMs: 25 * HOUR })).toThrow(RangeError);
    expect(() => createEngine({ retentionMs: Number.NaN })).toThrow(RangeError);
    // A 48-hour dedupe window: a task ended at 0 is still there 30 hours on.
    const engine = createEngine({ dedupeWindowMs: 48 * HOUR });
    abandonedTask(engine, 't1', 0);
    time(engine, 5, 30 * 60);
    expect(engine.task('t1')?.state).toBe('ended');
  });
});
