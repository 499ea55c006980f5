// Retention behind a store (DESIGN §4.9): a finished task leaves memory and its checkpoint row,
// the store keeps its final view, and a later event for it is placed exactly by refolding the task
// from its log, before and after a restart.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { temporaryDatabases } from './tempDb.js';
import { received } from './feeds.js';

const T = Date.UTC(2026, 2, 4, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (minutes: number) => T + minutes * MINUTE;
const ENGINE = { horizonMs: 15 * MINUTE, dedupeWindowMs: HOUR, retentionMs: HOUR };

const dbPath = temporaryDatabases();

/** Task t1 abandoned in queue (new, parked, ended at minute 5), then 80 minutes of agent a9. */
const feed: webhook.WebexBody[] = [
  webhook.taskEvent('n', at(0), 'task:new', 't1'),
  webhook.taskEvent('q', at(1), 'task:parked', 't1'),
  webhook.taskEvent('e', at(5), 'task:ended', 't1', { terminatingParty: 'Customer', reason: 'abandoned' }),
  ...Array.from({ length: 17 }, (_, step) => webhook.agentStateChange(`s${step}`, at(5 + step * 5), 'a9', step % 2 ? 'idle' : 'available')),
];
/** A late event for t1 (older than its end, never seen): only its log can place it. */
const lateConnect = webhook.taskEvent('c', at(3), 'task:connected', 't1');

async function send(durable: DurableEngine, bodies: webhook.WebexBody[]): Promise<void> {
  for (const body of bodies) await durable.receive(received(JSON.stringify(body)));
}

/** The task as an engine that forgets nothing folds it. */
function expectedTask(bodies: webhook.WebexBody[]) {
  const engine = createEngine({ horizonMs: 24 * HOUR });
  for (const body of bodies) engine.ingest({ source: 'webex', body: JSON.stringify(body) });
  return engine.task('t1');
}

describe('retention behind a store', () => {
  it('drops the finished task from memory and its checkpoint row, and keeps its final view in the store', async () => {
    const durable = await openDurableEngine({ store: new SqliteStore(dbPath()), engine: ENGINE });
    await send(durable, feed.slice(0, 3));
    const final = durable.engine.task('t1');
    await send(durable, feed.slice(3));
    await durable.checkpoint();
    expect(durable.engine.task('t1')).toBeUndefined();
    expect(await durable.store.finished('task', 't1')).toMatchObject({ kind: 'task', id: 't1', source: 'webex', lastEventTime: at(5), view: final });
    expect((await durable.store.latestCheckpoint())!.ledgers.map((ledger) => ledger.entity.id)).toEqual(['a9']);
    await durable.close();
  });

  it('places a later event for it exactly, refolding the task from its log, before and after a restart', async () => {
    const path = dbPath();
    const durable = await openDurableEngine({ store: new SqliteStore(path), engine: ENGINE });
    await send(durable, feed);
    expect(durable.engine.task('t1')).toBeUndefined();
    const receipt = await durable.receive(received(JSON.stringify(lateConnect)));
    expect(receipt.outcome).toMatchObject({ status: 'late', reason: expect.stringMatching(/^entity expired/) });
    expect(durable.status().rebuilds).toBe(1);
    expect(durable.engine.task('t1')).toEqual(expectedTask([...feed, lateConnect]));
    // Finished and old: it leaves memory again at the next sweep (every 7.5 minutes of the clock).
    await send(durable, [90, 95, 100].map((minute) => webhook.agentStateChange(`s-${minute}`, at(minute), 'a9', 'available')));
    expect(durable.engine.task('t1')).toBeUndefined();
    await durable.close();

    const reopened = await openDurableEngine({ store: new SqliteStore(path), engine: ENGINE });
    expect(reopened.status().replayedAtOpen).toBe(0);
    const lateHold = webhook.taskEvent('h', at(4), 'task:on-hold', 't1');
    expect((await reopened.receive(received(JSON.stringify(lateHold)))).outcome.status).toBe('late');
    expect(reopened.status().rebuilds).toBe(1);
    expect(reopened.engine.task('t1')).toEqual(expectedTask([...feed, lateConnect, lateHold]));
    await reopened.close();
  });
});
