// The PostgreSQL store's log, as the store contract has it for SQLite: what one commit writes and
// what readers see (bytes, headers, outcomes, the entity index, the dead-letter, whole or nothing).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestOutcome } from '../../../src/engine/outcome.js';
import { PostgresStore } from '../../../src/store/postgres/postgresStore.js';
import { received } from '../feeds.js';
import { describeWithPostgres } from '../../support/postgres/testDatabase.js';

const applied = (taskId: string): IngestOutcome => ({
  status: 'applied',
  source: 'webex',
  eventId: `e-${taskId}`,
  entities: [{ entity: { kind: 'task', id: taskId }, status: 'applied' }],
});
const rejected: IngestOutcome = { status: 'rejected', source: 'webex', reason: 'body is not JSON', issues: [], entities: [] };

describeWithPostgres('PostgreSQL log', (database) => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await PostgresStore.open(database.url);
  });
  afterAll(() => store.close());

  it('gives deliveries consecutive positions and keeps their bytes, headers, time and operator record', async () => {
    const body = Buffer.from([0x7b, 0x7d, 0xff, 0x00]);
    const reconcile = { kind: 'reconcile' as const, entity: { kind: 'task' as const, id: 't9' }, authority: { kind: 'task' as const, state: 'closed' as const }, asOf: 5, reason: 'ops' };
    const seqs = await store.commit({
      deliveries: [{ source: 'webex', headers: { a: '1' }, body, receivedAt: 42 }, { ...received(''), operator: reconcile }],
      outcomes: [],
    });
    expect(seqs).toEqual([1, 2]);
    const [first, second] = await store.deliveriesAfter(0, 10);
    expect(first).toMatchObject({ seq: 1, source: 'webex', receivedAt: 42 });
    expect({ ...first!.headers }).toEqual({ a: '1' });
    expect(Buffer.from(first!.body).equals(body)).toBe(true);
    expect(first!.status).toBeUndefined();
    expect(second!.operator).toEqual(reconcile);
    expect(await store.counts()).toEqual({ deliveries: 2, deadLetters: 0, lastSeq: 2 });
  });

  it('records outcomes once however often they come, indexes entities for history and keeps dead letters', async () => {
    const [a, bad, b] = await store.commit({ deliveries: [received('{"a":1}'), received('not json'), received('{"a":2}')], outcomes: [] });
    const outcomes = [{ seq: a!, outcome: applied('t1') }, { seq: bad!, outcome: rejected }, { seq: b!, outcome: applied('t1') }];
    await store.commit({ deliveries: [], outcomes });
    // Another receiver folding the same deliveries records the same outcomes again.
    await store.commit({ deliveries: [], outcomes });
    expect((await store.deliveriesAfter(a! - 1, 10)).map((delivery) => delivery.status)).toEqual(['applied', 'rejected', 'applied']);
    expect((await store.historyOf({ kind: 'task', id: 't1' }, b!)).map((delivery) => delivery.seq)).toEqual([a, b]);
    expect((await store.historyOf({ kind: 'task', id: 't1' }, bad!)).map((delivery) => delivery.seq)).toEqual([a]);
    expect(await store.historyOf({ kind: 'agent', id: 't1' }, b!)).toEqual([]);
    const letters = await store.deadLetters(0, 10);
    expect(letters.map((letter) => [letter.seq, letter.status, letter.reason])).toEqual([[bad, 'rejected', 'body is not JSON']]);
    expect(Buffer.from(letters[0]!.delivery.body).toString()).toBe('not json');
    expect(letters[0]!.outcome).toEqual(rejected);
  });

  it('commits a batch whole or not at all, and the failed one takes no position', async () => {
    const before = await store.head();
    await expect(store.commit({ deliveries: [received('{"lost":1}')], outcomes: [{ seq: 99_999, outcome: applied('t') }] })).rejects.toThrow(/not in the log/);
    expect(await store.head()).toBe(before);
    expect(await store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([before + 1]);
  });

  it('refuses writes once closed', async () => {
    const other = await PostgresStore.open(database.url);
    await other.close();
    await expect(other.commit({ deliveries: [received('{}')], outcomes: [] })).rejects.toThrow(/closed/);
  });
});
