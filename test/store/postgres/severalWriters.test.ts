// What the store contract cannot show with one writer: several receivers writing one PostgreSQL at
// once. A slow receiver's checkpoint or floor never overwrites a newer one, and receivers recording
// the same outcomes at the same moment wait for each other at most, never deadlock.
import { afterEach, expect, it } from 'vitest';
import { connectPostgres } from '../../../src/store/postgres/connection.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { emptiedDatabase } from '../../support/postgres/databases.js';
import { waitingOnLocks } from '../../support/postgres/locks.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';
import { received } from '../feeds.js';
import { applied, byId, checkpoint, ledgersOf, prune } from '../storeRecords.js';

describeWithPostgres('PostgreSQL store with several writers', (database) => {
  const open: PostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  /** Two receivers' stores on one emptied database. */
  async function receivers(): Promise<[PostgresStore, PostgresStore]> {
    await emptiedDatabase(database.url);
    const stores = [await PostgresStore.open(database.url), await PostgresStore.open(database.url)] as const;
    open.push(...stores);
    return [stores[0], stores[1]];
  }

  it("writes a checkpoint only if its seq is not below the stored one: a slow receiver's rows never overwrite newer ones", async () => {
    const [fast, slow] = await receivers();
    await fast.commit({ deliveries: Array.from({ length: 9 }, () => received('{}')), outcomes: [] });
    const [a5, b5] = ledgersOf('a', 'b');
    const [a3, , c3] = ledgersOf('a', 'x', 'c').map((ledger) => ({ ...ledger, needsReconciliation: true }));
    await fast.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(5, { full: true, ledgers: [a5!, b5!] }) });
    // The slow receiver's checkpoint at 3 comes after: neither its meta nor its rows are written.
    await slow.commit({ deliveries: [received('{}')], outcomes: [], checkpoint: checkpoint(3, { ledgers: [a3!, c3!] }) });
    expect((await slow.latestCheckpoint())!.seq).toBe(5);
    expect(byId((await slow.latestCheckpoint())!.ledgers)).toEqual({ 'task:a': a5, 'task:b': b5 });
    // The rest of its batch is committed all the same.
    expect(await slow.counts()).toMatchObject({ lastSeq: 10, checkpointSeq: 5 });
    // At the same seq, or a later one, it is written.
    await slow.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(5, { ledgers: [c3!] }) });
    expect(byId((await fast.latestCheckpoint())!.ledgers)).toEqual({ 'task:a': a5, 'task:b': b5, 'task:c': c3 });
    await slow.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(8, { ledgers: [a3!] }) });
    expect(await fast.latestCheckpoint()).toMatchObject({ seq: 8, takenAt: 80 });
    expect(byId((await fast.latestCheckpoint())!.ledgers)['task:a']).toEqual(a3);
  });

  it("moves a floor and the pruned mark only forward: a slow receiver's prune never puts back an older floor", async () => {
    const [fast, slow] = await receivers();
    await fast.commit({ deliveries: Array.from({ length: 6 }, (_, index) => received(`{"n":${index}}`)), outcomes: [], checkpoint: checkpoint(6, { full: true }) });
    const [older, newer] = [ledgersOf('t1')[0]!, { ...ledgersOf('t1')[0]!, needsReconciliation: true }];
    const entity = { kind: 'task' as const, id: 't1' };
    await fast.commit({ deliveries: [], outcomes: [], prune: prune(5, [{ entity, throughSeq: 5, ledger: newer }]) });
    await slow.commit({ deliveries: [], outcomes: [], prune: prune(3, [{ entity, throughSeq: 3, ledger: older }]) });
    expect(await slow.floorOf(entity)).toEqual({ entity, throughSeq: 5, ledger: newer });
    expect(await slow.counts()).toMatchObject({ prunedThrough: 5, deliveries: 1 });
  });

  it('records the same outcomes from two receivers at once, in opposite orders, without a deadlock', async () => {
    const [first, second] = await receivers();
    // A log long enough that the planner reaches its rows by the index, in the order it is given them.
    await first.commit({ deliveries: Array.from({ length: 3000 }, (_, index) => received(`{"n":${index}}`)), outcomes: [] });
    // Two more sessions hold a row each. The first receiver records [1, 2], the second [2, 1]: each
    // starts and waits. Row 2 is let go first: were rows locked in the order given, the second
    // would take it and wait for row 1, which the first (queued there first) takes next: a deadlock.
    const blocker = connectPostgres(database.url, { max: 3 });
    const [holdsOne, holdsTwo] = [await blocker.reserve(), await blocker.reserve()];
    for (const [held, seq] of [[holdsOne, 1], [holdsTwo, 2]] as const) {
      await held`BEGIN`;
      await held`SELECT 1 FROM deliveries WHERE seq = ${seq} FOR UPDATE`;
    }
    const outcomes = [{ seq: 1, outcome: applied('t1') }, { seq: 2, outcome: applied('t1') }];
    const commits = [first.commit({ deliveries: [], outcomes })];
    await until(async () => (await waitingOnLocks(blocker)) === 1, 'the first receiver to wait');
    commits.push(second.commit({ deliveries: [], outcomes: [...outcomes].reverse() }));
    await until(async () => (await waitingOnLocks(blocker)) === 2, 'the second receiver to wait');
    await holdsTwo`COMMIT`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await holdsOne`COMMIT`;
    holdsOne.release();
    holdsTwo.release();
    await blocker.end();
    expect((await Promise.allSettled(commits)).filter((result) => result.status === 'rejected')).toEqual([]);
    expect((await first.historyOf({ kind: 'task', id: 't1' }, 2)).map((logged) => logged.status)).toEqual(['applied', 'applied']);
  });
});

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; !(await condition()); tries++) {
    if (tries > 1000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
