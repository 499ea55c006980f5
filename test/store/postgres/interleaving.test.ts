// The bigserial trap, with real concurrent connections: transaction A takes its position first and
// is held open; transaction B appends meanwhile; a receiver tails the log the whole time. Whatever
// commits when, the tail must see every delivery exactly once, in one order, none skipped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type postgres from 'postgres';
import { connectPostgres } from '../../../src/store/postgres/connection.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { received } from '../feeds.js';
import { waitingOnLocks } from '../../support/postgres/locks.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';

describeWithPostgres('PostgreSQL log: a lower position never commits behind a higher one', (database) => {
  let writerA: PostgresStore;
  let writerB: PostgresStore;
  let reader: PostgresStore;
  let blocker: postgres.Sql;

  beforeAll(async () => {
    // Three receivers, each with its own pool; and a connection that stalls A mid-transaction.
    [writerA, writerB, reader] = await Promise.all([PostgresStore.open(database.url), PostgresStore.open(database.url), PostgresStore.open(database.url)]);
    blocker = connectPostgres(database.url, { max: 2 });
  });
  afterAll(async () => {
    await Promise.all([writerA, writerB, reader].map((store) => store.close()));
    await blocker.end();
  });

  async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
    for (let tries = 0; tries < 500; tries++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('A stalled after taking its position, B appending meanwhile: the tail sees all, in position order, none skipped', async () => {
    const [first] = await writerA.commit({ deliveries: [received('{"n":0}')], outcomes: [] });
    const tailed: number[] = [];
    let tailAt = 0;
    const tail = async () => {
      for (const delivery of await reader.deliveriesAfter(tailAt, 100)) {
        tailed.push(delivery.seq);
        tailAt = delivery.seq;
      }
    };
    await tail();

    // A's batch records an outcome for the first delivery, whose row the blocker holds: A takes
    // its position, inserts its delivery, then waits on the row lock, uncommitted.
    const hold = blocker.reserve();
    const held = await hold;
    await held`BEGIN`;
    await held`SELECT 1 FROM contactstate.deliveries WHERE seq = ${first!} FOR UPDATE`;
    const outcome = { status: 'applied' as const, source: 'webex' as const, eventId: 'e0', entities: [] };
    const a = writerA.commit({ deliveries: [received('{"n":"a"}')], outcomes: [{ seq: first!, outcome }] });
    await until(async () => (await waitingOnLocks(blocker)) >= 1, 'A to wait on the held row');

    // B appends now. Either it waits for A (positions are taken in commit order), or it commits
    // with a position above A's while A's is still in flight: the trap the tail must not fall in.
    let bSettled = false;
    const b = writerB.commit({ deliveries: [received('{"n":"b"}')], outcomes: [] }).finally(() => (bSettled = true));
    await until(async () => bSettled || (await waitingOnLocks(blocker)) >= 2, 'B to commit or to queue behind A');
    // The receiver tails while A is stalled (and B has committed, or queued).
    await tail();
    await tail();

    await held`COMMIT`;
    held.release();
    const [seqA] = await a;
    const [seqB] = await b;
    await tail();

    expect(tailed).toEqual([first, seqA, seqB].sort((x, y) => x! - y!));
    // Positions follow commit order: A committed first, so its position is the lower one.
    expect(seqA).toBeLessThan(seqB!);
    expect(await reader.head()).toBe(seqB);
  });

  it('many receivers appending at once: positions are 1..n without gaps or repeats, and a tail that follows them misses none', async () => {
    const before = await reader.head();
    const writers = [writerA, writerB, reader];
    const tailed: number[] = [];
    let tailAt = before;
    let appending = true;
    const tailer = (async () => {
      while (appending || tailAt < (await reader.head())) {
        for (const delivery of await reader.deliveriesAfter(tailAt, 50)) {
          tailed.push(delivery.seq);
          tailAt = delivery.seq;
        }
      }
    })();
    const batches = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        writers[index % writers.length]!.commit({ deliveries: Array.from({ length: 1 + (index % 4) }, (_, k) => received(`{"b":${index},"k":${k}}`)), outcomes: [] }),
      ),
    );
    appending = false;
    await tailer;
    const taken = batches.flat().sort((x, y) => x - y);
    const count = batches.reduce((sum, seqs) => sum + seqs.length, 0);
    expect(taken).toEqual(Array.from({ length: count }, (_, index) => before + 1 + index));
    expect(tailed).toEqual(taken);
    // Each batch's deliveries are consecutive: one transaction, one run of positions.
    for (const seqs of batches) expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => seqs[0]! + index));
  });
});
