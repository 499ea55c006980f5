// The engine's hooks for a store's history of one entity: which entities a delivery names, the
// floor a prune leaves, and a refold from the floor and the deliveries kept (DESIGN §4.9, §4.10).
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/index.js';
import { storePortOf } from '../../src/engine/storePort.js';

const T = 1_700_000_000_000;
const body = (value: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(value) });
const t1 = { kind: 'task', id: 't1' } as const;
const taskNew = webhook.taskEvent('n1', T, 'task:new', 't1');
const parked = webhook.taskEvent('p1', T + 10, 'task:parked', 't1');
const ended = webhook.taskEvent('e1', T + 30, 'task:ended', 't1');
const otherTask = webhook.taskEvent('o1', T + 20, 'task:ended', 't2');

describe('an entity history, as a store hands it to the engine', () => {
  it('names the entities a delivery asserts something about, and none for a delivery it rejects', () => {
    const engine = createEngine();
    expect(storePortOf(engine).eventsOf(body(webhook.agentStateChange('s1', T, 'a1', 'ringing', { taskId: 't1' }))).map((event) => event.entity)).toEqual([
      { kind: 'agent', id: 'a1' },
      { kind: 'task', id: 't1' },
    ]);
    expect(storePortOf(engine).eventsOf({ body: '{' })).toEqual([]);
  });

  it('refolds an entity from its deliveries: only its own events, the first arrival of an id, rejected deliveries skipped', () => {
    const engine = createEngine();
    const firstParked = { ...parked, data: { ...parked.data, queueId: 'first' } };
    storePortOf(engine).rebuildEntity(t1, { deliveries: [body(firstParked), { body: '{' }, body(otherTask), body(parked), body(taskNew)], reconciles: [] });
    expect(engine.task('t1')).toMatchObject({ state: 'queued' });
    expect(engine.task('t2')).toBeUndefined();
    const rebuilt = engine.snapshot().ledgers.find((ledger) => ledger.entity.id === 't1')!;
    expect(rebuilt.entries.map((event) => event.id)).toEqual(['n1', 'p1']);
    expect(rebuilt.entries[1]).toEqual(expect.objectContaining({ attributes: expect.objectContaining({ queueId: 'first' }) }));
  });

  it('folds a floor compacted a horizon before its newest event, and refolds on it with the deliveries after', () => {
    const engine = createEngine({ horizonMs: 15 });
    const events = [taskNew, parked, ended].flatMap((value) => storePortOf(engine).eventsOf(body(value)));
    const floor = storePortOf(engine).foldFloor(t1, { events, reconciles: [] });
    expect(floor.baseKey?.time).toBe(T + 10);
    expect(floor.entries.map((event) => event.id)).toEqual(['e1']);
    expect(floor.compacted.map(([id]) => id)).toEqual(['n1', 'p1']);
    storePortOf(engine).rebuildEntity(t1, { floor, deliveries: [], reconciles: [] });
    expect(engine.task('t1')).toMatchObject({ state: 'ended' });
    expect(engine.ingest(body(taskNew)).status).toBe('duplicate');
    expect(storePortOf(createEngine()).foldFloor(t1, { events: [], reconciles: [] }).baseKey).toBeNull();
  });
});
