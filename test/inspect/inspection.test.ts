// What an inspector sees of the engine (DESIGN §5): every entity as an actor of its machine, each
// event and snapshot; refolds, reconciles, restores and rebuilds marked; a late viewer introduced
// to every live entity as it is now.
import type { InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type EngineOptions } from '../../src/index.js';
import { storePortOf } from '../../src/engine/storePort.js';

const T = 1_700_000_000_000;
const body = (value: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(value) });
const taskNew = webhook.taskEvent('n1', T, 'task:new', 't1');
const parked = webhook.taskEvent('p1', T + 10, 'task:parked', 't1');
const connect = webhook.taskEvent('c1', T + 20, 'task:connect', 't1');
const ended = webhook.taskEvent('e1', T + 30, 'task:ended', 't1');

/** An engine whose inspection events are collected, per actor id, as `type event-type value` lines. */
function inspected(options: EngineOptions = {}) {
  const events: InspectionEvent[] = [];
  const engine = createEngine({ ...options, inspect: { next: (event) => events.push(event) } });
  const lines = (actorId: string) =>
    events
      .filter((event) => (event.actorRef as unknown as { id: string }).id === actorId)
      .map((event) => {
        if (event.type === '@xstate.actor') return 'actor';
        const type = (event as { event: { type: string } }).event.type;
        return event.type === '@xstate.event' ? `event ${type}` : `snapshot ${type} ${String((event as { snapshot: { value?: unknown } }).snapshot.value)}`;
      });
  return { engine, events, lines };
}

const of = (events: InspectionEvent[], type: string) => events.filter((event) => (event as { event?: { type: string } }).event?.type === type);

describe('engine inspection', () => {
  it('takes an Observer as XState does (the Stately inspector passes `inspector.inspect`), or a function', () => {
    const { engine, lines } = inspected();
    engine.ingest(body(taskNew));
    engine.ingest(body(parked));
    expect(lines('task:t1')).toEqual(['actor', 'event task.new', 'snapshot task.new new', 'event task.queued', 'snapshot task.queued queued']);
    const seen: string[] = [];
    createEngine({ inspect: (event) => seen.push(event.type) }).ingest(body(taskNew));
    expect(seen).toEqual(['@xstate.actor', '@xstate.event', '@xstate.snapshot']);
  });

  it('marks a refold: the late event, how many events were refolded, and the checkpoint it starts from, before their snapshots', () => {
    const { engine, lines, events } = inspected();
    for (const delivery of [taskNew, connect, ended]) engine.ingest(body(delivery));
    events.length = 0;
    expect(engine.ingest(body(parked)).status).toBe('reordered');
    expect(lines('task:t1')).toEqual([
      'event contactstate.refold',
      'snapshot contactstate.refold new',
      'event task.queued',
      'snapshot task.queued queued',
      'event task.offered',
      'snapshot task.offered offered',
      'event task.ended',
      'snapshot task.ended ended',
    ]);
    expect(of(events, 'contactstate.refold')[0]).toMatchObject({ event: { lateEventId: 'p1', lateEventTime: T + 10, refolded: 3 } });
  });

  it('sends the resulting snapshot of a reconcile, marked, with the events refolded on top', () => {
    const { engine, lines, events } = inspected();
    for (const delivery of [taskNew, ended]) engine.ingest(body(delivery));
    events.length = 0;
    engine.reconcile({ kind: 'task', id: 't1' }, { kind: 'task', state: 'connected', agents: ['a1'] }, T + 20);
    expect(lines('task:t1')).toEqual(['event contactstate.reconcile', 'snapshot contactstate.reconcile connected', 'event task.ended', 'snapshot task.ended ended']);
    expect(of(events, 'contactstate.reconcile')[0]).toMatchObject({ event: { asOf: T + 20, refolded: 1 } });
  });

  it('shows a restored engine as it was, not as new: the restored base marked, then the events kept after it', () => {
    const first = createEngine({ horizonMs: 15 });
    for (const delivery of [taskNew, parked, connect, ended]) first.ingest(body(delivery));
    const { lines, events } = inspected({ snapshot: first.snapshot() });
    // The horizon compacted the first two events into the base; the two within it stayed entries.
    expect(lines('task:t1')).toEqual([
      'actor',
      'event contactstate.restore',
      'snapshot contactstate.restore queued',
      'event task.offered',
      'snapshot task.offered offered',
      'event task.ended',
      'snapshot task.ended ended',
    ]);
    expect(of(events, 'contactstate.restore')[0]).toMatchObject({ event: { refolded: 2 } });
  });

  it('marks a rebuild from the log (a store placing an event older than the base)', () => {
    const { engine, lines, events } = inspected();
    engine.ingest(body(ended));
    events.length = 0;
    storePortOf(engine).rebuildEntity({ kind: 'task', id: 't1' }, { deliveries: [body(ended), body(taskNew)], reconciles: [] });
    expect(lines('task:t1')).toEqual(['event contactstate.rebuild', 'snapshot contactstate.rebuild new', 'event task.new', 'snapshot task.new new', 'event task.ended', 'snapshot task.ended ended']);
  });

  it('introduces every live entity, as it is now, to an inspector that connects late', () => {
    const { engine } = inspected();
    for (const delivery of [taskNew, parked, webhook.agentLogin('l1', T, 'a1', 'team', true)]) engine.ingest(body(delivery));
    const late: InspectionEvent[] = [];
    engine.inspectEntities({ next: (event) => late.push(event) });
    const byActor = (id: string) => late.filter((event) => (event.actorRef as unknown as { id: string }).id === id);
    expect(byActor('task:t1').map((event) => event.type)).toEqual(['@xstate.actor', '@xstate.event', '@xstate.snapshot']);
    expect(byActor('task:t1')[2]).toMatchObject({ event: { type: 'contactstate.current' }, snapshot: { value: 'queued' } });
    expect(byActor('agent:a1')[2]).toMatchObject({ snapshot: { value: 'available' } });
    // The same actor as in the live stream, so a viewer keeps one actor per entity.
    expect(byActor('task:t1')[0]!.actorRef).toBe(byActor('task:t1')[1]!.actorRef);
    expect(createEngine().inspectEntities({ next: () => expect.unreachable() })).toBeUndefined();
  });
});
