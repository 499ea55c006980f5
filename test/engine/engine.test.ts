// The engine's API (DESIGN §5): outcomes, change feed with corrections, reconcile (inspection: test/inspect/).
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { combinedStatus } from '../../src/engine/outcome.js';
import { createEngine, type ViewChange } from '../../src/index.js';
import { storePortOf } from '../../src/engine/storePort.js';

const T = 1_700_000_000_000;
const body = (value: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(value) });
const login = webhook.agentLogin('l1', T, 'a1', 'team', true);
const ringing = webhook.agentStateChange('s1', T + 10, 'a1', 'ringing', { taskId: 't1' });
const connected = webhook.agentStateChange('s2', T + 20, 'a1', 'connected', { taskId: 't1' });

describe('engine.ingest outcomes', () => {
  it('applies, dedupes, reorders, reports conflicts, ignores and rejects', () => {
    const engine = createEngine();
    expect(engine.ingest(body(login))).toMatchObject({ status: 'applied', source: 'webex', eventId: 'l1' });
    expect(engine.ingest(body(connected)).status).toBe('applied');
    expect(engine.ingest(body(ringing))).toMatchObject({
      status: 'reordered',
      entities: [
        { entity: { kind: 'agent', id: 'a1' }, status: 'reordered' },
        { entity: { kind: 'task', id: 't1' }, status: 'reordered' },
      ],
    });
    expect(engine.ingest(body(ringing)).status).toBe('duplicate');
    expect(engine.ingest(body({ ...ringing, data: { ...ringing.data, currentState: 'wrapup' } })).status).toBe('conflict');
    expect(engine.ingest(body({ ...login, id: 'm1', type: 'task-message:appended' })).status).toBe('ignored');
    expect(engine.ingest({ body: '{' }).status).toBe('rejected');
    expect(engine.stats().outcomes).toEqual({ applied: 2, reordered: 1, duplicate: 1, conflict: 1, late: 0, rejected: 1, ignored: 1 });
    expect(engine.agent('a1')?.state).toBe('engaged');
    expect(engine.task('t1')?.state).toBe('connected');
  });

  it('recognises the source when none is given', () => {
    const engine = createEngine();
    expect(engine.ingest({ body: JSON.stringify(login) })).toMatchObject({ status: 'applied', source: 'webex' });
    expect(engine.ingest({ source: 'auto', body: login })).toMatchObject({ status: 'duplicate', source: 'webex' });
  });

  it('reports late events past the horizon, keeps them in the dead-letter, and lists the entity to reconcile', () => {
    const engine = createEngine({ horizonMs: 60_000 });
    engine.ingest(body(login));
    engine.ingest(body(webhook.agentStateChange('s9', T + 3_600_000, 'a1', 'idle')));
    engine.ingest(body(webhook.agentStateChange('s8', T + 3_600_000 + 60_001, 'a1', 'available')));
    const outcome = engine.ingest(body(webhook.agentStateChange('s0', T + 5, 'a1', 'idle')));
    expect(outcome.status).toBe('late');
    expect(engine.agent('a1')?.state).toBe('available');
    expect(engine.deadLetters().map((letter) => letter.outcome.status)).toEqual(['late']);
    expect(engine.needingReconciliation()).toEqual([{ entity: { kind: 'agent', id: 'a1' }, gaps: 0, late: 1 }]);
    expect(engine.stats()).toMatchObject({ needingReconciliation: 1 });
  });

  it('lists entities whose fold skipped states, for targeted reconciliation', () => {
    const engine = createEngine();
    engine.ingest(body(webhook.taskEvent('x1', T, 'task:new', 't1')));
    engine.ingest(body(webhook.taskEvent('x2', T + 5, 'task:ended', 't1')));
    engine.ingest(body(webhook.agentLogout('x3', T + 6, 'a1')));
    engine.ingest(body(webhook.agentStateChange('x4', T + 7, 'a1', 'wrapup', { taskId: 't2' })));
    expect(engine.needingReconciliation()).toEqual(
      expect.arrayContaining([
        { entity: { kind: 'agent', id: 'a1' }, gaps: 1, late: 0 },
        { entity: { kind: 'task', id: 't2' }, gaps: 1, late: 0 },
      ]),
    );
    expect(engine.task('t1')?.gaps).toBe(0);
    expect(engine.stats()).toMatchObject({ entitiesWithGaps: 2, needingReconciliation: 0 });
  });

  it('given an agent whose channels each skipped a state, then its view counts the gaps of every channel', () => {
    const engine = createEngine();
    engine.ingest(body(webhook.agentLogin('g1', T, 'a1', 'team', true)));
    engine.ingest(body(webhook.channelStateChange('g2', T + 1, 'a1', 'telephony', 'Available')));
    engine.ingest(body(webhook.channelStateChange('g3', T + 2, 'a1', 'chat', 'Available')));
    expect(engine.agent('a1')?.gaps).toBe(0);
    engine.ingest(body(webhook.channelStateChange('g4', T + 3, 'a1', 'telephony', 'WrapUp')));
    expect(engine.agent('a1')?.gaps).toBe(1);
    engine.ingest(body(webhook.channelStateChange('g5', T + 4, 'a1', 'chat', 'WrapUp')));
    expect(engine.agent('a1')?.gaps).toBe(2);
  });

  it('counts every delivery by outcome and by source, an unreadable one under "unknown"', () => {
    const engine = createEngine();
    engine.ingest(body(login));
    engine.ingest(body(login));
    engine.ingest({ body: '{' });
    const stats = engine.stats();
    expect(stats.deliveries).toBe(3);
    expect(stats.bySource.webex).toMatchObject({ applied: 1, duplicate: 1, rejected: 0 });
    expect(stats.bySource.unknown).toMatchObject({ applied: 0, rejected: 1 });
    expect(Object.keys(stats.bySource).sort()).toEqual(['unknown', 'webex']);
  });

  it('takes checkpoints only when created for them, and ignores a store confirming one otherwise', () => {
    const engine = createEngine();
    expect(() => storePortOf(engine).checkpoint()).toThrow('checkpoint(): create the engine with the `checkpoints` option');
    expect(() => storePortOf(engine).checkpointWritten({ serial: 1, full: true })).not.toThrow();
  });
});

describe('engine.subscribe', () => {
  it('delivers changed views, marks corrections from out-of-order events, and stops after unsubscribe', () => {
    const engine = createEngine();
    const changes: ViewChange[] = [];
    const unsubscribe = engine.subscribe((change) => changes.push(change));
    engine.ingest(body(login));
    engine.ingest(body(connected));
    engine.ingest(body(ringing));
    engine.ingest(body(ringing));
    expect(changes.map(({ kind, id, corrected, view }) => [kind, id, 'state' in view ? view.state : undefined, corrected])).toEqual([
      ['agent', 'a1', 'available', false],
      ['agent', 'a1', 'engaged', false],
      ['task', 't1', 'connected', false],
      // The late ringing changes the task's history (ring time, offered time): a correction.
      ['task', 't1', 'connected', true],
    ]);
    unsubscribe();
    engine.ingest(body(webhook.agentStateChange('s3', T + 30, 'a1', 'wrapup', { taskId: 't1' })));
    expect(changes).toHaveLength(4);
  });

  it('keeps ingesting when a subscriber throws', () => {
    const engine = createEngine();
    engine.subscribe(() => {
      throw new Error('subscriber bug');
    });
    expect(engine.ingest(body(login)).status).toBe('applied');
    expect(engine.agent('a1')?.state).toBe('available');
  });
});

describe('engine.reconcile', () => {
  it('places an authoritative state at T: later events refolded on top, earlier ones absorbed', () => {
    const engine = createEngine();
    engine.ingest(body(webhook.taskEvent('r1', T, 'task:new', 't1')));
    engine.ingest(body(webhook.taskEvent('r2', T + 100, 'task:on-hold', 't1')));
    engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'task', state: 'connected', agents: ['a1'], attributes: { queueId: 'q' } }, T + 50);
    expect(engine.task('t1')).toMatchObject({ state: 'held', agents: ['a1'], queueId: 'q' });
    engine.reconcile({ kind: 'agent', id: 'a1' }, { kind: 'agent', state: 'engaged', tasks: ['t1'] }, T + 50);
    expect(engine.agent('a1')).toMatchObject({ state: 'engaged', tasks: ['t1'] });
    expect(engine.ingest(body(webhook.taskEvent('r0', T + 10, 'task:parked', 't1'))).status).toBe('reordered');
    expect(engine.task('t1')?.state).toBe('held');
    expect(engine.needingReconciliation()).toEqual([]);
  });
});

describe('engine snapshot version', () => {
  it('refuses a snapshot of another version, whose fingerprints would turn redeliveries into conflicts', () => {
    const engine = createEngine();
    engine.ingest(body(connected));
    const saved = engine.snapshot();
    expect(createEngine({ snapshot: saved }).task('t1')?.state).toBe('connected');
    expect(() => createEngine({ snapshot: { ...saved, version: 1 as never } })).toThrow(/snapshot version 1 cannot be restored/);
  });
});

describe('combinedStatus', () => {
  it('lets the most telling entity status win, and calls nothing asserted a duplicate', () => {
    expect(combinedStatus([{ status: 'applied' }, { status: 'late' }, { status: 'duplicate' }])).toBe('late');
    expect(combinedStatus([{ status: 'duplicate' }, { status: 'reordered' }])).toBe('reordered');
    expect(combinedStatus([])).toBe('duplicate');
  });
});
