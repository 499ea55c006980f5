// The rebuild race on PostgreSQL (lateFoldRace.ts): the commit after a late event's is held back
// while the late event is folded, by another session holding the log head (as another receiver's
// append does) or by a slow round trip of a receiver alone. The rebuild must wait for it.
import type postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPostgres } from '../../../src/store/postgres/connection.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { waitingOnLocks } from '../../support/postgres/locks.js';
import { emptiedDatabase } from '../../support/postgres/databases.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';
import { heldAppends } from '../heldAppends.js';
import { expectedTask, openRacing, slowNextCommit, stageLateFold, until } from '../lateFoldRace.js';

describeWithPostgres('PostgreSQL: a late event folded while the commit of an earlier outcome is under way', (database) => {
  let blocker: postgres.Sql;
  beforeAll(() => {
    blocker = connectPostgres(database.url, { max: 2 });
  });
  afterAll(() => blocker.end());

  async function expectRebuiltWhole(url: string, durable: Awaited<ReturnType<typeof openRacing>>): Promise<void> {
    expect(durable.status().rebuilds).toBe(1);
    expect(durable.engine.task('t1')).toEqual(expectedTask());
    await durable.close();
    // The checkpoint holds the right ledger: a receiver that starts later shows it too.
    const reopened = await openRacing(await PostgresStore.open(url));
    expect(reopened.engine.task('t1')).toEqual(expectedTask());
    await reopened.close();
  }

  it('given another session holds the log head when the late event is folded, then its entity is rebuilt from a history with every delivery before it', async () => {
    const url = await emptiedDatabase(database.url);
    const held = heldAppends(await PostgresStore.open(url, { pollMs: 100 }));
    const durable = await openRacing(held.store);
    const head = await blocker.reserve();
    await stageLateFold(durable, held, 'answers', {
      async endLateCommit() {
        await head`BEGIN`;
        await head`SELECT seq FROM contactstate.log_head FOR UPDATE`;
        held.releaseAll();
        await until(async () => (await waitingOnLocks(blocker)) >= 1, 'the next commit to wait on the log head');
      },
      async releaseNext() {
        await head`COMMIT`;
        head.release();
      },
    });
    await expectRebuiltWhole(url, durable);
  });

  it('given a receiver alone whose next commit is slow, when the late event is folded, then its entity is rebuilt from a history with every delivery before it', async () => {
    const url = await emptiedDatabase(database.url);
    const held = heldAppends(await PostgresStore.open(url, { pollMs: 100 }));
    const durable = await openRacing(held.store);
    await stageLateFold(durable, held, 'writes', slowNextCommit(held));
    await expectRebuiltWhole(url, durable);
  });
});
