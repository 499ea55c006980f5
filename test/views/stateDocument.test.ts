// The state document (DESIGN §5 `state()`): views that cannot be changed by their readers, one
// revision per change, small patches, and a document that stays what it was when it was read.
import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/index.js';
import type { PatchSet } from '../../src/engine/liveDocument.js';

enablePatches();

const T = 1_700_000_000_000;
const body = (value: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(value) });
const login = webhook.agentLogin('l1', T, 'a1', 'team', true);
const ringing = webhook.agentStateChange('s1', T + 10, 'a1', 'ringing', { taskId: 't1' });
const connected = webhook.agentStateChange('s2', T + 20, 'a1', 'connected', { taskId: 't1' });
const capture = webhook.captureAvailable('c1', T + 30, 't1');

describe('the views an engine serves', () => {
  it('are deep-frozen: changing one throws and leaves the engine as it was', () => {
    const engine = createEngine();
    for (const delivery of [login, ringing, connected, capture]) engine.ingest(body(delivery));
    const task = engine.task('t1')!;
    const before = JSON.stringify(task);
    expect(() => task.captures.push('https://evil')).toThrow(TypeError);
    expect(() => (task.durations.talkMs = 1)).toThrow(TypeError);
    expect(() => (task.enteredAt.connected = 1)).toThrow(TypeError);
    expect(() => (task.state = 'closed')).toThrow(TypeError);
    const agent = engine.agent('a1')!;
    expect(() => (agent.attributes.teamId = 'other')).toThrow(TypeError);
    expect(() => (agent.channels.telephony = 'idle')).toThrow(TypeError);
    expect(() => agent.tasks.pop()).toThrow(TypeError);
    expect(() => ((engine.state().tasks as Record<string, unknown>)['t9'] = task)).toThrow(TypeError);
    expect(JSON.stringify(engine.task('t1'))).toBe(before);
    expect(engine.agent('a1')).toMatchObject({ attributes: { teamId: 'team' }, channels: { telephony: 'loggedOut' }, tasks: ['t1'] });
  });
});

describe('engine.state()', () => {
  it('is the same object until something changes, then a new one with the next revision; the old one stays as it was', () => {
    const engine = createEngine();
    const empty = engine.state();
    expect(empty).toEqual({ revision: 0, agents: {}, tasks: {} });
    engine.ingest(body(login));
    const first = engine.state();
    expect(first).toMatchObject({ revision: 1, agents: { a1: { state: 'available' } }, tasks: {} });
    expect(engine.state()).toBe(first);
    expect(engine.ingest(body(login)).status).toBe('duplicate');
    expect(engine.state()).toBe(first);
    engine.ingest(body(ringing));
    const second = engine.state();
    expect(second.revision).toBe(2);
    expect(second.agents['a1']?.state).toBe('reserved');
    expect(first.agents['a1']?.state).toBe('available');
    expect(empty.agents).toEqual({});
    // Structural sharing: what did not change is the same object in both revisions.
    expect(second.agents['a1']?.attributes).toBe(first.agents['a1']?.attributes);
    expect(second.agents['a1']?.channels).toBe(first.agents['a1']?.channels);
  });

  it('lists ids in order, whatever order they arrived in, as replay does', () => {
    const engine = createEngine();
    engine.ingest(body(webhook.agentLogin('l2', T, 'b2', 'team', true)));
    engine.ingest(body(webhook.agentLogin('l3', T, 'a2', 'team', true)));
    engine.ingest(body(login));
    expect(Object.keys(engine.state().agents)).toEqual(['a1', 'a2', 'b2']);
  });

  it('holds the views agent(), task(), agents() and tasks() serve', () => {
    const engine = createEngine();
    for (const delivery of [login, ringing, connected]) engine.ingest(body(delivery));
    const state = engine.state();
    expect(engine.agent('a1')).toBe(state.agents['a1']);
    expect(engine.task('t1')).toBe(state.tasks['t1']);
    expect(engine.agents()).toEqual(Object.values(state.agents));
    expect(engine.tasks()[0]).toBe(state.tasks['t1']);
  });

  it('of a restored engine is the document of the engine it was taken from', () => {
    const engine = createEngine();
    for (const delivery of [login, ringing, connected, capture]) engine.ingest(body(delivery));
    const restored = createEngine({ snapshot: engine.snapshot() });
    expect({ ...restored.state(), revision: 0 }).toEqual({ ...engine.state(), revision: 0 });
  });
});

describe('engine.subscribePatches', () => {
  it('sends one patch set per delivery that changed something, with only what changed', () => {
    const engine = createEngine();
    engine.ingest(body(login));
    const sets: PatchSet[] = [];
    engine.subscribePatches((set) => sets.push(set));
    engine.ingest(body(login));
    expect(sets).toEqual([]);
    engine.ingest(body(webhook.agentStateChange('s0', T + 5, 'a1', 'idle')));
    expect(sets).toEqual([
      {
        revision: 2,
        corrected: false,
        patches: [
          { op: 'replace', path: ['agents', 'a1', 'state'], value: 'idle' },
          { op: 'replace', path: ['agents', 'a1', 'since'], value: T + 5 },
        ],
      },
    ]);
    engine.ingest(body(ringing));
    expect(sets[1]).toMatchObject({ revision: 3, corrected: false });
    expect(sets[1]!.patches).toEqual(
      expect.arrayContaining([
        { op: 'add', path: ['agents', 'a1', 'tasks', 0], value: 't1' },
        { op: 'add', path: ['tasks', 't1'], value: expect.objectContaining({ id: 't1', state: 'offered' }) },
      ]),
    );
  });

  it('marks a set corrected when an event folded out of order revised a view already in the document', () => {
    const engine = createEngine();
    const sets: PatchSet[] = [];
    engine.subscribePatches((set) => sets.push(set));
    engine.ingest(body(connected));
    engine.ingest(body(ringing));
    expect(sets.map((set) => set.corrected)).toEqual([false, true]);
  });

  it('marks a delivery corrected when any of its events was out of order (a logout behind a channel change)', () => {
    const engine = createEngine();
    const sets: PatchSet[] = [];
    engine.ingest(body(login));
    engine.ingest(body(webhook.channelStateChange('ch1', T + 50, 'a1', 'telephony', 'Available')));
    engine.subscribePatches((set) => sets.push(set));
    // The agent's own ledger takes the logout in order; its telephony channel, out of order.
    engine.ingest(body(webhook.agentLogout('lo1', T + 40, 'a1')));
    expect(sets).toEqual([expect.objectContaining({ corrected: true })]);
    expect(engine.agent('a1')).toMatchObject({ state: 'loggedOut', channels: { telephony: 'available' } });
  });

  it('marks a reconcile that changes a view as a correction, and one that brings a new entity as none', () => {
    const engine = createEngine();
    const sets: PatchSet[] = [];
    engine.ingest(body(connected));
    engine.subscribePatches((set) => sets.push(set));
    engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'task', state: 'held', agents: ['a1'] }, T + 100);
    expect(sets).toEqual([{ revision: 2, corrected: true, patches: expect.arrayContaining([{ op: 'replace', path: ['tasks', 't1', 'state'], value: 'held' }]) }]);
    engine.reconcile({ kind: 'task', id: 't7' }, { kind: 'task', state: 'queued' }, T + 100);
    expect(sets[1]).toEqual({ revision: 3, corrected: false, patches: [{ op: 'add', path: ['tasks', 't7'], value: expect.objectContaining({ state: 'queued' }) }] });
  });

  it('starts after the document of the moment it subscribes: applied to it, the patches give every later document', () => {
    const engine = createEngine();
    engine.ingest(body(login));
    let mirror: object = engine.state();
    engine.ingest(body(ringing)); // not read yet: belongs to the document the subscriber starts from
    const sets: PatchSet[] = [];
    engine.subscribePatches((set) => sets.push(set));
    mirror = engine.state();
    for (const delivery of [connected, capture, webhook.agentStateChange('s3', T + 40, 'a1', 'wrapup', { taskId: 't1' })]) engine.ingest(body(delivery));
    for (const set of sets) mirror = { ...applyPatches(mirror, set.patches), revision: set.revision };
    expect(mirror).toEqual(engine.state());
  });

  it('stops after unsubscribe, and a throwing subscriber breaks neither ingestion nor the others', () => {
    const engine = createEngine();
    const sets: PatchSet[] = [];
    engine.subscribePatches(() => {
      throw new Error('subscriber bug');
    });
    const unsubscribe = engine.subscribePatches((set) => sets.push(set));
    expect(engine.ingest(body(login)).status).toBe('applied');
    unsubscribe();
    engine.ingest(body(ringing));
    expect(sets.map((set) => set.revision)).toEqual([1]);
    expect(engine.state().revision).toBe(2);
  });
});
