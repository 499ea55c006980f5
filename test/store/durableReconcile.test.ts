// Reconcile that lasts (DESIGN §4.10): behind a store, a reconcile is an operator record in the log,
// placed by asOf among the entity's events even before its compacted base (the entity is refolded
// from its log), and replayed at every restart and in every refold of that entity.
import { expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine } from '../../src/engine/createEngine.js';
import type { AuthoritativeState } from '../../src/engine/entityMachines.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { type FreshStore, onEveryDurableStore } from './durableStores.js';
import { temporaryDatabases } from './tempDb.js';
import { received } from './feeds.js';

const T = Date.UTC(2026, 2, 4, 9);
const SECOND = 1000;
const HORIZON = { horizonMs: 60_000 };

const dbPath = temporaryDatabases();

/** Task t1: new at T, queued at T + 1 s, ended at T + 10 min; then 10 minutes of other traffic. */
const feed: webhook.WebexBody[] = [
  webhook.taskEvent('n', T, 'task:new', 't1'),
  webhook.taskEvent('q', T + SECOND, 'task:parked', 't1'),
  webhook.taskEvent('e', T + 600 * SECOND, 'task:ended', 't1'),
  ...Array.from({ length: 60 }, (_, step) => webhook.agentStateChange(`s${step}`, T + (610 + step * 10) * SECOND, 'a9', step % 2 ? 'idle' : 'available')),
];
const AS_OF = T + 30 * SECOND;
const AUTHORITY: AuthoritativeState = { kind: 'task', state: 'connected', agents: ['a1'] };
/** A late event for t1, older than its base but after asOf. */
const lateHold = webhook.taskEvent('h', T + 60 * SECOND, 'task:on-hold', 't1');

async function send(durable: DurableEngine, bodies: webhook.WebexBody[]): Promise<void> {
  for (const body of bodies) await durable.receive(received(JSON.stringify(body)));
}

/** What the engine must answer: the same events and the reconcile, folded with nothing compacted. */
function reference(bodies: webhook.WebexBody[]): Engine {
  const engine = createEngine({ horizonMs: 24 * 3_600_000 });
  for (const body of bodies) engine.ingest({ source: 'webex', body: JSON.stringify(body) });
  engine.reconcile({ kind: 'task', id: 't1' }, AUTHORITY, AS_OF, 'vendor API');
  return engine;
}

/** The reconcile's cases on one kind of durable store. */
function durableReconcileSpec(fresh: FreshStore): void {
  it('logs the reconcile and places it exactly before the compacted base: the events after asOf are refolded on top', async () => {
    const durable = await openDurableEngine({ store: await (await fresh())(), engine: HORIZON });
    await send(durable, feed);
    expect(() => durable.engine.reconcile({ kind: 'task', id: 't1' }, AUTHORITY, AS_OF)).toThrow(/refused/);
    const receipt = await durable.reconcile({ kind: 'task', id: 't1' }, AUTHORITY, AS_OF, 'vendor API');
    expect(receipt).toMatchObject({ seq: feed.length + 1, outcome: { status: 'applied', reason: 'reconcile: vendor API' } });
    expect(durable.engine.task('t1')).toEqual(reference(feed).task('t1'));
    expect(durable.engine.task('t1')).toMatchObject({ state: 'ended', agents: ['a1'] });
    expect(durable.status().rebuilds).toBe(1);
    const logged = (await durable.store.deliveriesAfter(feed.length, 1))[0];
    expect(logged?.operator).toEqual({ kind: 'reconcile', entity: { kind: 'task', id: 't1' }, authority: AUTHORITY, asOf: AS_OF, reason: 'vendor API' });
    await durable.close();
  });

  it('survives a restart, from its checkpoint and from its log alone', async () => {
    const reopen = await fresh();
    const durable = await openDurableEngine({ store: await reopen(), engine: HORIZON });
    await send(durable, feed.slice(0, 30));
    await durable.reconcile({ kind: 'task', id: 't1' }, AUTHORITY, AS_OF, 'vendor API');
    await send(durable, feed.slice(30));
    const expected = reference(feed).task('t1');
    expect(durable.engine.task('t1')).toEqual(expected);
    await durable.close();

    const fromCheckpoint = await openDurableEngine({ store: await reopen(), engine: HORIZON });
    expect(fromCheckpoint.status().replayedAtOpen).toBe(0);
    expect(fromCheckpoint.engine.task('t1')).toEqual(expected);
    await fromCheckpoint.store.close(); // no checkpoint at close ...
    const store = await reopen();
    const { seq, takenAt, engine } = (await store.latestCheckpoint())!;
    // ... and one of another version: the next open refolds the whole log.
    await store.commit({ deliveries: [], outcomes: [], checkpoint: { seq, takenAt, engine: { ...engine, version: 0, serial: 1, full: true, ledgers: [], finished: [] } } });
    const fromLog = await openDurableEngine({ store, engine: HORIZON });
    expect(fromLog.status().replayedAtOpen).toBe(feed.length + 1);
    expect(fromLog.engine.task('t1')).toEqual(expected);
    await fromLog.close();
  });

  it('survives every refold of its entity: a late event older than the base is placed around it', async () => {
    const durable = await openDurableEngine({ store: await (await fresh())(), engine: HORIZON });
    await send(durable, feed);
    await durable.reconcile({ kind: 'task', id: 't1' }, AUTHORITY, AS_OF, 'vendor API');
    const rebuilds = durable.status().rebuilds;
    const { outcome } = await durable.receive(received(JSON.stringify(lateHold)));
    expect(outcome.status).toBe('late');
    expect(durable.status().rebuilds).toBe(rebuilds + 1);
    expect(durable.engine.task('t1')).toEqual(reference([...feed, lateHold]).task('t1'));
    expect(durable.engine.task('t1')).toMatchObject({ state: 'ended', agents: ['a1'], enteredAt: { connected: AS_OF, held: T + 60 * SECOND } });
    await durable.close();
  });

  it('refuses bad input before logging anything', async () => {
    const durable = await openDurableEngine({ store: await (await fresh())() });
    await expect(durable.reconcile({ kind: 'task', id: 't1' }, { kind: 'agent', state: 'idle' }, AS_OF, 'x')).rejects.toThrow(/a agent state for a task/);
    await expect(durable.reconcile({ kind: 'task', id: 't1' }, AUTHORITY, Number.POSITIVE_INFINITY, 'x')).rejects.toThrow(/asOf/);
    expect((await durable.store.counts()).lastSeq).toBe(0);
    await durable.close();
  });
}

onEveryDurableStore('DurableEngine.reconcile', dbPath, durableReconcileSpec);
