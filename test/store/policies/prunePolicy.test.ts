// The prune policy: asked after each checkpoint written, it plans the prune the next checkpoint
// carries (the deliveries received longer ago than keep-log, up to that checkpoint, at most a
// round), folds a floor for each entity they name, and says whether it left a backlog.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../../examples/webex/webhooks.js';
import { createEngine } from '../../../src/engine/createEngine.js';
import { storePortOf } from '../../../src/engine/storePort.js';
import { MemoryStore } from '../../../src/store/memory/memoryStore.js';
import { PrunePolicy, type PrunePolicyOptions, pruneRoundSize } from '../../../src/store/policies/prunePolicy.js';
import { received } from '../feeds.js';
import { at, ENGINE, HOUR, KEEP_LOG, MINUTE } from '../retentionTimes.js';

/** A log of five hours: agent a9 logs in at minute 0 and changes state every 10 minutes (seq n at minute 10 (n - 1)). */
function givenFiveHourLog(): { store: MemoryStore; lastSeq: number; end: number } {
  const store = new MemoryStore();
  const bodies = [webhook.agentLogin('login', at(0), 'a9', 'team-7', true)];
  for (let minute = 10; minute <= 300; minute += 10) bodies.push(webhook.agentStateChange(`s${minute}`, at(minute), 'a9', minute % 20 ? 'idle' : 'available'));
  store.commit({ deliveries: bodies.map((body) => received(JSON.stringify(body))), outcomes: [] });
  return { store, lastSeq: bodies.length, end: at(300) };
}

const policyOn = (store: MemoryStore, options: PrunePolicyOptions = {}) =>
  new PrunePolicy(store, storePortOf(createEngine(ENGINE)), ENGINE.retentionMs, { keepLogMs: KEEP_LOG, ...options });

/** The seq of the last delivery received before `cutoff` in the five-hour log. */
const lastBefore = (cutoff: number) => Math.ceil((cutoff - at(0)) / (10 * MINUTE));

describe('the prune policy', () => {
  it('given a checkpoint through the whole log, then it plans the deliveries received before keep-log, with a floor for each entity they name, taken once', async () => {
    const { store, lastSeq, end } = givenFiveHourLog();
    const policy = policyOn(store);
    expect(await policy.checkpointWritten(lastSeq, end)).toBe(false);
    const prune = policy.take()!;
    const through = lastBefore(end - KEEP_LOG);
    expect(through).toBe(18);
    expect(prune).toMatchObject({ throughSeq: through, finishedBefore: end - KEEP_LOG });
    const a9 = prune.floors.find((floor) => floor.entity.kind === 'agent' && floor.entity.id === 'a9')!;
    expect(a9.throughSeq).toBe(through);
    // Compacted to its newest event minus the horizon: minutes 160 and 170.
    expect(a9.ledger.entries.map((event) => event.time)).toEqual([at(160), at(170)]);
    expect(prune.floors.every((floor) => floor.throughSeq === through)).toBe(true);
    expect(policy.take()).toBeUndefined();
  });

  it('given a checkpoint that stops before the cutoff, then the prune stops at the checkpoint', async () => {
    const { store, end } = givenFiveHourLog();
    const policy = policyOn(store);
    await policy.checkpointWritten(10, end);
    expect(policy.take()?.throughSeq).toBe(10);
  });

  it('given more to prune than a round holds, then it plans a round and says it left a backlog', async () => {
    const { store, lastSeq, end } = givenFiveHourLog();
    const policy = policyOn(store, { roundSize: 5 });
    expect(await policy.checkpointWritten(lastSeq, end)).toBe(true);
    expect(policy.take()?.throughSeq).toBe(5);
  });

  it('given a round under way, when another checkpoint is written, then it plans nothing more until that round ends', async () => {
    const { store, lastSeq, end } = givenFiveHourLog();
    const policy = policyOn(store);
    const first = policy.checkpointWritten(10, end);
    expect(await policy.checkpointWritten(lastSeq, end)).toBe(false);
    await first;
    expect(policy.take()?.throughSeq).toBe(10);
  });

  it('given it is stopped, then a checkpoint written plans nothing', async () => {
    const { store, lastSeq, end } = givenFiveHourLog();
    const policy = policyOn(store);
    await policy.stop();
    expect(await policy.checkpointWritten(lastSeq, end)).toBe(false);
    expect(policy.take()).toBeUndefined();
  });

  it('given nothing older than keep-log, then it plans only the dead letters\u2019 limit and the finished entities\u2019 age', async () => {
    const { store, lastSeq } = givenFiveHourLog();
    const policy = policyOn(store, { keepDeadLetters: 3 });
    await policy.checkpointWritten(lastSeq, at(60));
    expect(policy.take()).toEqual({ throughSeq: 0, floors: [], finishedBefore: at(60) - KEEP_LOG, deadLettersKept: 3 });
  });

  it('refuses a keep-log shorter than two retention periods', () => {
    expect(() => policyOn(new MemoryStore(), { keepLogMs: HOUR })).toThrow(/keepLogMs 3600000: .*\(7200000 ms\)/);
  });

  it('sizes a round at twice the deliveries between checkpoints, and at least 10,000', () => {
    expect([pruneRoundSize(100), pruneRoundSize(20_000)]).toEqual([10_000, 40_000]);
  });
});
