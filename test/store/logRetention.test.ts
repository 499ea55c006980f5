// Log retention: deliveries received longer ago than `keepLogMs` are pruned once a
// checkpoint covers them; what they held survives in each named entity's floor, so a restart and a
// refold of such an entity give what the whole log would; dead letters keep their own limit and
// finished tasks' views go with the log.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { PrunePolicy } from '../../src/store/policies/prunePolicy.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store, WriteBatch } from '../../src/store/store.js';
import { type FreshStore, onEveryDurableStore } from './durableStores.js';
import { temporaryDatabases } from './tempDb.js';
import { received } from './feeds.js';
import { storePortOf } from '../../src/engine/storePort.js';
import { at, ENGINE, HOUR, KEEP_LOG, MINUTE, T } from './retentionTimes.js';

const dbPath = temporaryDatabases();

/**
 * Six hours: agent a9 logs in, then changes state every 5 minutes; a task abandoned every 30
 * minutes; and task `long`, queued at 200 and abandoned at 250 (its first events older than the
 * two hours kept at the end, its end not).
 */
function sixHours(): webhook.WebexBody[] {
  const feed: webhook.WebexBody[] = [webhook.agentLogin('login', at(0), 'a9', 'team-7', true)];
  for (let minute = 5; minute <= 360; minute += 5) {
    feed.push(webhook.agentStateChange(`s${minute}`, at(minute), 'a9', minute % 10 ? 'idle' : 'available'));
    if (minute % 30 === 0) {
      feed.push(webhook.taskEvent(`n${minute}`, at(minute), 'task:new', `t${minute}`));
      feed.push(webhook.taskEvent(`e${minute}`, at(minute + 1), 'task:ended', `t${minute}`));
    }
    if (minute === 200) feed.push(webhook.taskEvent('long-n', at(200), 'task:new', 'long'), webhook.taskEvent('long-q', at(201), 'task:parked', 'long'));
    if (minute === 250) feed.push(webhook.taskEvent('long-e', at(250), 'task:ended', 'long'));
  }
  return feed;
}

/** A durable engine whose clock is the receive time of the last delivery it was sent. */
async function open(store: Store, keepDeadLetters?: number, keepLogMs = KEEP_LOG) {
  const clock = { now: T };
  const durable = await openDurableEngine({
    store,
    engine: ENGINE,
    checkpointEvery: 25,
    keepLogMs,
    ...(keepDeadLetters !== undefined ? { keepDeadLetters } : {}),
    now: () => clock.now,
  });
  return { durable, clock };
}

async function send(durable: DurableEngine, clock: { now: number }, bodies: webhook.WebexBody[]): Promise<void> {
  for (const body of bodies) {
    const delivery = received(JSON.stringify(body));
    clock.now = Math.max(clock.now, delivery.receivedAt);
    await durable.receive(delivery);
  }
}

/** Counts the commits that carry a checkpoint. */
class CheckpointCountingStore extends MemoryStore {
  checkpoints = 0;
  override commit(batch: WriteBatch): number[] {
    if (batch.checkpoint) this.checkpoints++;
    return super.commit(batch);
  }
}

/** What an engine that forgets nothing makes of the same events. */
function reference(bodies: webhook.WebexBody[]) {
  const engine = createEngine({ horizonMs: 24 * HOUR, retentionMs: Number.POSITIVE_INFINITY });
  for (const body of bodies) engine.ingest({ source: 'webex', body: JSON.stringify(body) });
  return engine;
}

/**
 * What a prune keeps, on a store that outlives the engine: `reopen` opens the same store again
 * (each case gets a fresh one from `fresh`).
 */
function prunedLogSpec(fresh: FreshStore): void {
  it('prunes the deliveries received longer ago than keep-log that a checkpoint covers, and nothing else', async () => {
    const { durable, clock } = await open(await (await fresh())());
    const feed = sixHours();
    await send(durable, clock, feed);
    await durable.prune();
    const counts = await durable.store.counts();
    const cutoff = clock.now - KEEP_LOG;
    expect(counts.prunedThrough).toBeGreaterThan(0);
    const kept = await durable.store.deliveriesAfter(0, 10_000);
    expect(kept[0]!.seq).toBe(counts.prunedThrough + 1);
    expect(kept.every((logged) => logged.receivedAt >= cutoff || logged.seq > counts.prunedThrough)).toBe(true);
    // The first kept delivery is the first received at or after the cutoff (a round prunes all it may).
    expect(kept[0]!.receivedAt).toBeGreaterThanOrEqual(cutoff);
    expect(counts.floors).toBeGreaterThan(0);
    // A floor is compacted to its newest event minus the horizon: a9's holds its last 15 minutes.
    const floor = (await durable.store.floorOf({ kind: 'agent', id: 'a9' }))!;
    expect(floor.throughSeq).toBe(counts.prunedThrough);
    expect(floor.ledger.entries.map((event) => event.time)).toEqual([at(225), at(230), at(235), at(240)].filter((time) => time >= at(240) - 15 * MINUTE));
    await durable.close();
  });

  it('restarts to the same views after pruning, and refolds an entity with pruned history from its floor exactly', async () => {
    const reopen = await fresh();
    const { durable, clock } = await open(await reopen());
    const feed = sixHours();
    await send(durable, clock, feed);
    await durable.prune();
    const views = { agents: durable.engine.agents(), tasks: durable.engine.tasks() };
    await durable.close();

    const reopened = await open(await reopen());
    reopened.clock.now = clock.now;
    expect({ agents: reopened.durable.engine.agents(), tasks: reopened.durable.engine.tasks() }).toEqual(views);
    // Older than a9's base in memory, newer than the prune: a9 is refolded from its floor and the kept log.
    const late = webhook.agentStateChange('late', at(330) + 1, 'a9', 'idle', { idleCodeId: 'lunch' });
    expect((await reopened.durable.receive(received(JSON.stringify(late)))).outcome.status).toBe('late');
    expect(reopened.durable.status().rebuilds).toBe(1);
    expect(reopened.durable.engine.agent('a9')).toEqual(reference([...feed, late]).agent('a9'));
    expect(reopened.durable.engine.agent('a9')?.attributes).toMatchObject({ teamId: 'team-7' });
    // A task that left memory, its first events pruned (its floor holds them), its end still logged.
    const lateConnect = webhook.taskEvent('long-c', at(240), 'task:connected', 'long');
    expect((await reopened.durable.receive(received(JSON.stringify(lateConnect)))).outcome.status).toBe('late');
    expect(reopened.durable.engine.task('long')).toEqual(reference([...feed, late, lateConnect]).task('long'));
    await reopened.durable.close();
  });

}

onEveryDurableStore('log retention', dbPath, prunedLogSpec);

describe('log retention', () => {
  it('keeps its own number of dead letters, and drops finished tasks\u2019 views with the log they came from', async () => {
    const { durable, clock } = await open(new MemoryStore(), 2);
    const bad = (n: number) => ({ source: 'webex' as const, headers: {}, body: Buffer.from(`{"not":"webex ${n}"}`), receivedAt: at(n) });
    for (const n of [1, 2, 3, 4]) await durable.receive(bad(n));
    await send(durable, clock, sixHours());
    await durable.prune();
    expect((await durable.store.deadLetters(0, 10)).map((letter) => letter.delivery.receivedAt)).toEqual([at(3), at(4)]);
    // t30 ended at minute 31 and left memory about an hour later: more than keep-log ago at minute 361.
    expect(await durable.store.finished('task', 't30')).toBeUndefined();
    expect(await durable.store.finished('task', 't270')).toMatchObject({ view: { state: 'ended' } });
    await durable.close();
  });

  it('writes its prunes with the regular checkpoints while it keeps up: pruning adds no checkpoint of its own', async () => {
    const store = new CheckpointCountingStore();
    const { durable, clock } = await open(store);
    const feed = sixHours();
    await send(durable, clock, feed);
    // Pruned as it went (durable.prune() was not called), with one checkpoint per 25 deliveries.
    expect((await store.counts()).prunedThrough).toBeGreaterThan(0);
    expect(store.checkpoints).toBeLessThanOrEqual(Math.ceil(feed.length / 25));
    await durable.close();
  });

  it('asks for a checkpoint of its own only for a round that leaves a backlog', async () => {
    // A log of six hours that was never pruned (kept 100 h), then retention at two hours.
    const store = new MemoryStore();
    const { durable, clock } = await open(store, undefined, 100 * HOUR);
    await send(durable, clock, sixHours());
    await durable.close();
    const { lastSeq } = await store.counts();
    const round = async (roundSize: number) => {
      const retention = new PrunePolicy(store, storePortOf(createEngine(ENGINE)), ENGINE.retentionMs, { keepLogMs: KEEP_LOG, roundSize });
      const backlog = await retention.checkpointWritten(lastSeq, clock.now);
      return { requested: backlog ? 1 : 0, planned: retention.take()! };
    };
    // Some 60 deliveries are older than two hours: a round of 20 leaves a backlog, one of 1,000 does not.
    const small = await round(20);
    expect(small).toMatchObject({ requested: 1, planned: { throughSeq: 20 } });
    const whole = await round(1_000);
    expect(whole.requested).toBe(0);
    expect(whole.planned.throughSeq).toBeGreaterThan(40);
    expect(whole.planned.throughSeq).toBeLessThan(lastSeq);
  });

  it('refuses a keep-log shorter than two retention periods', async () => {
    await expect(openDurableEngine({ store: new MemoryStore(), engine: ENGINE, keepLogMs: HOUR })).rejects.toThrow(/keepLogMs 3600000: .*\(7200000 ms\)/);
  });
});
