// A connection cut in the middle of a commit (the server restarted, a proxy dropped it): the commit
// fails whole, the receiver's process lives on, and the next commit goes through on a new
// connection. With postgres.js's `sql.begin` the ROLLBACK it writes to the cut connection throws
// where nobody can catch it and the process dies (porsager/postgres#1208): a commit is one statement.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPostgres, isConnectionLoss } from '../../../src/store/postgres/connection.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';
import { waitingOnLocks } from '../../support/postgres/locks.js';
import { received } from '../feeds.js';
import { applied } from '../storeRecords.js';

describeWithPostgres('PostgreSQL store when a connection is lost', (database) => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await PostgresStore.open(database.url);
  });
  afterAll(() => store.close());

  it('fails a commit cut mid-way whole, and commits the next one on a new connection', async () => {
    const [first] = await store.commit({ deliveries: [received('{"n":1}')], outcomes: [] });
    // Another session holds the first delivery's row: the commit takes its position, then waits.
    const other = connectPostgres(database.url, { max: 2 });
    const held = await other.reserve();
    await held`BEGIN`;
    await held`SELECT 1 FROM deliveries WHERE seq = ${first!} FOR UPDATE`;
    const cut = store.commit({ deliveries: [received('{"n":2}')], outcomes: [{ seq: first!, outcome: applied('t1') }] });
    for (let tries = 0; (await waitingOnLocks(other)) < 1; tries++) {
      if (tries > 500) throw new Error('the commit never waited on the held row');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await other`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    const error = await cut.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isConnectionLoss(error)).toBe(true);
    await held`ROLLBACK`;
    held.release();
    await other.end();
    // Nothing of it was written: the next commit takes the position it had taken.
    expect(await store.head()).toBe(first);
    expect(await store.commit({ deliveries: [received('{"n":3}')], outcomes: [{ seq: first!, outcome: applied('t1') }] })).toEqual([first! + 1]);
    expect((await store.deliveriesAfter(0, 10)).map((logged) => [logged.seq, logged.status])).toEqual([
      [first, 'applied'],
      [first! + 1, undefined],
    ]);
  });

  it('tells a lost connection from a refused query', () => {
    expect(isConnectionLoss(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', errno: -111 }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('outcome for seq 9, which is not in the log'), { code: 'P0001' }))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isConnectionLoss(undefined)).toBe(false);
  });
});
