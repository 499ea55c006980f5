// The Store contract, run against every implementation (each a factory in `implementations`, and
// PostgreSQL's, on a database emptied for each case): what one commit writes, what readers see.
// Store-agnostic: a new store adds its factory here.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CommitThread } from '../../src/store/sqlite/commitThread.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { PostgresStore } from '../../src/store/postgres/postgresStore.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { type Awaitable, loggableHeaders, type OperatorRecord, type Store } from '../../src/store/store.js';
import { emptiedDatabase } from '../support/postgres/databases.js';
import { describeWithPostgres } from '../support/postgres/testDatabase.js';
import { temporaryDatabases } from './tempDb.js';
import { received } from './feeds.js';
import { applied, byId, checkpoint, finished, ledgersOf, META, prune, rejected } from './storeRecords.js';

const dbPath = temporaryDatabases(join('nested', 'state.db'));

// The embedded stores, which answer every call at once; PostgreSQL (below) answers later.
const implementations: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore(dbPath())],
  ['sqlite with a commit thread', () => new SqliteStore(dbPath(), { commitThread: true })],
];

/** The contract's cases, for one implementation: every call awaited (a shared store answers later). */
function storeContract(open: () => Awaitable<Store>): void {
  it('gives deliveries increasing seqs and keeps their bytes, headers and time', async () => {
    const store = await open();
    const body = Buffer.from([0x7b, 0x7d, 0xff, 0x00]);
    const seqs = await store.commit({ deliveries: [{ source: 'webex', headers: { a: '1' }, body, receivedAt: 42 }, received('{"x":1}')], outcomes: [] });
    expect(seqs).toEqual([1, 2]);
    expect(await store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([3]);
    const [first] = await store.deliveriesAfter(0, 1);
    expect(first).toMatchObject({ seq: 1, source: 'webex', headers: { a: '1' }, receivedAt: 42 });
    expect(Buffer.from(first!.body).equals(body)).toBe(true);
    expect(first!.status).toBeUndefined();
    expect((await store.deliveriesAfter(1, 10)).map((delivery) => delivery.seq)).toEqual([2, 3]);
    expect(await store.counts()).toMatchObject({ deliveries: 3, lastSeq: 3, deadLetters: 0, checkpointSeq: null, prunedThrough: 0 });
    await store.close();
  });

  it('records outcomes, indexes entities for history and keeps rejected deliveries as dead letters', async () => {
    const store = await open();
    await store.commit({ deliveries: [received('{"a":1}'), received('not json'), received('{"a":2}')], outcomes: [] });
    await store.commit({ deliveries: [], outcomes: [{ seq: 1, outcome: applied('t1') }, { seq: 2, outcome: rejected }, { seq: 3, outcome: applied('t1') }] });
    // Recorded again after a restart's refold (or by another receiver): replaces, never duplicates.
    await store.commit({ deliveries: [], outcomes: [{ seq: 2, outcome: rejected }, { seq: 3, outcome: applied('t1') }] });
    expect((await store.deliveriesAfter(0, 10)).map((delivery) => delivery.status)).toEqual(['applied', 'rejected', 'applied']);
    expect((await store.historyOf({ kind: 'task', id: 't1' }, 3)).map((delivery) => delivery.seq)).toEqual([1, 3]);
    expect((await store.historyOf({ kind: 'task', id: 't1' }, 2)).map((delivery) => delivery.seq)).toEqual([1]);
    expect(await store.historyOf({ kind: 'agent', id: 't1' }, 3)).toEqual([]);
    const letters = await store.deadLetters(0, 10);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ seq: 2, status: 'rejected', reason: 'body is not JSON', outcome: rejected });
    expect(Buffer.from(letters[0]!.delivery.body).toString()).toBe('not json');
    expect((await store.counts()).deadLetters).toBe(1);
    await store.close();
  });

  it('commits a batch whole or not at all', async () => {
    const store = await open();
    await store.commit({ deliveries: [received('{}')], outcomes: [] });
    await expect(attempt(() => store.commit({ deliveries: [received('{"lost":1}')], outcomes: [{ seq: 99, outcome: applied('t') }] }))).rejects.toThrow(/not in the log/);
    expect((await store.counts()).deliveries).toBe(1);
    expect(await store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([2]);
    await store.close();
  });

  it('keeps one checkpoint: its meta, and a row per live ledger rewritten only when it changed', async () => {
    const store = await open();
    const [a, b, c] = ledgersOf('a', 'b', 'c');
    await store.commit({ deliveries: [received('{}'), received('{}'), received('{}')], outcomes: [] });
    await store.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(1, { full: true, ledgers: [a!, b!] }) });
    const changedB = { ...b!, late: [], needsReconciliation: true };
    await store.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(2, { ledgers: [changedB, c!] }) });
    const latest = (await store.latestCheckpoint())!;
    expect(latest).toMatchObject({ seq: 2, takenAt: 20, engine: META });
    expect(byId(latest.ledgers)).toEqual({ 'task:a': a, 'task:b': changedB, 'task:c': c });
    // A full checkpoint holds every live ledger: the rows of any other go.
    await store.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(3, { full: true, ledgers: [c!] }) });
    expect(byId((await store.latestCheckpoint())!.ledgers)).toEqual({ 'task:c': c });
    expect(await store.counts()).toMatchObject({ checkpointSeq: 3, ledgers: 1 });
    await store.close();
  });

  it("keeps the final view of an entity that left memory, drops its ledgers' rows, and lists it by last event time", async () => {
    const store = await open();
    const [a, b] = ledgersOf('a', 'b');
    await store.commit({ deliveries: [received('{}')], outcomes: [], checkpoint: checkpoint(1, { full: true, ledgers: [a!, b!] }) });
    const finishedA = finished('a', 1_000);
    await store.commit({ deliveries: [], outcomes: [], checkpoint: checkpoint(1, { finished: [finishedA, finished('z', 3_000)] }) });
    expect(byId((await store.latestCheckpoint())!.ledgers)).toEqual({ 'task:b': b });
    expect(await store.finished('task', 'a')).toEqual(finishedA);
    expect(await store.finished('agent', 'a')).toBeUndefined();
    expect(await store.finishedSince(2_000)).toEqual([{ kind: 'task', id: 'z', source: 'webex', lastEventTime: 3_000 }]);
    expect(await store.finishedSince(0)).toHaveLength(2);
    await store.close();
  });

  it('logs an operator record among the deliveries and gives it to the history of the entity it names', async () => {
    const store = await open();
    const record: OperatorRecord = { kind: 'reconcile', entity: { kind: 'task', id: 't1' }, authority: { kind: 'task', state: 'closed' }, asOf: 5, reason: 'vendor API says closed' };
    await store.commit({ deliveries: [received('{"a":1}'), { source: null, headers: {}, body: new Uint8Array(), receivedAt: 9, operator: record }], outcomes: [] });
    await store.commit({ deliveries: [], outcomes: [{ seq: 1, outcome: applied('t1') }, { seq: 2, outcome: applied('t1') }] });
    const history = await store.historyOf({ kind: 'task', id: 't1' }, 2);
    expect(history.map((logged) => logged.operator)).toEqual([undefined, record]);
    expect((await store.deliveriesAfter(1, 10))[0]).toMatchObject({ seq: 2, source: null, receivedAt: 9, operator: record });
    await store.close();
  });

  it('prunes the log through a seq a checkpoint covers, keeping dead letters by their own count, and keeps floors', async () => {
    const store = await open();
    await store.commit({ deliveries: ['{"a":1}', 'bad', '{"a":2}', 'bad 2', '{"a":3}', '{"a":4}'].map((body) => received(body)), outcomes: [] });
    await store.commit({
      deliveries: [],
      outcomes: [{ seq: 1, outcome: applied('t1') }, { seq: 2, outcome: rejected }, { seq: 3, outcome: applied('t1') }, { seq: 4, outcome: rejected }, { seq: 5, outcome: applied('t1') }],
      checkpoint: checkpoint(5, { full: true }),
    });
    const [ledger] = ledgersOf('t1');
    const floor = { entity: { kind: 'task' as const, id: 't1' }, throughSeq: 3, ledger: ledger! };
    // Not covered by the checkpoint: refused, and nothing of the batch is written.
    await expect(attempt(() => store.commit({ deliveries: [received('{}')], outcomes: [], prune: prune(6, [floor]) }))).rejects.toThrow(/not covered by a checkpoint/);
    expect(await store.counts()).toMatchObject({ lastSeq: 6, prunedThrough: 0, floors: 0 });
    expect(await store.prunedThrough()).toBe(0);

    await store.commit({ deliveries: [], outcomes: [], prune: prune(3, [floor]) });
    expect((await store.deliveriesAfter(0, 10)).map((logged) => logged.seq)).toEqual([2, 4, 5, 6]);
    expect((await store.historyOf({ kind: 'task', id: 't1' }, 10)).map((logged) => logged.seq)).toEqual([5]);
    expect(await store.floorOf({ kind: 'task', id: 't1' })).toEqual(floor);
    expect(await store.floorOf({ kind: 'task', id: 't2' })).toBeUndefined();
    expect((await store.deadLetters(0, 10)).map((letter) => [letter.seq, Buffer.from(letter.delivery.body).toString()])).toEqual([[2, 'bad'], [4, 'bad 2']]);
    // The dead letters' own count: the oldest goes, with its delivery once that is pruned.
    await store.commit({ deliveries: [], outcomes: [], prune: { ...prune(3, []), deadLettersKept: 1 } });
    expect((await store.deadLetters(0, 10)).map((letter) => letter.seq)).toEqual([4]);
    expect((await store.deliveriesAfter(0, 10)).map((logged) => logged.seq)).toEqual([4, 5, 6]);
    // Seqs are never given twice.
    expect(await store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([7]);
    expect(await store.counts()).toMatchObject({ deliveries: 4, deadLetters: 1, lastSeq: 7, prunedThrough: 3, floors: 1 });
    expect(await store.prunedThrough()).toBe(3);
    await store.close();
  });

  it('prunes finished entities by the age of their checkpoint, with their floors', async () => {
    const store = await open();
    const [ledger] = ledgersOf('a');
    await store.commit({ deliveries: [received('{}')], outcomes: [], checkpoint: checkpoint(1, { full: true, finished: [finished('a', 1)] }) });
    await store.commit({ deliveries: [], outcomes: [], prune: prune(1, [{ entity: { kind: 'task', id: 'a' }, throughSeq: 1, ledger: ledger! }]) });
    expect(await store.counts()).toMatchObject({ finished: 1, floors: 1 });
    // Its checkpoint was taken at 10: kept by a prune of what finished before 10, gone before 11.
    await store.commit({ deliveries: [], outcomes: [], prune: { ...prune(1, []), finishedBefore: 10 } });
    expect(await store.finished('task', 'a')).toBeDefined();
    await store.commit({ deliveries: [], outcomes: [], prune: { ...prune(1, []), finishedBefore: 11 } });
    expect(await store.finished('task', 'a')).toBeUndefined();
    expect(await store.floorOf({ kind: 'task', id: 'a' })).toBeUndefined();
    await store.close();
  });

  it('refuses writes once closed', async () => {
    const store = await open();
    await store.close();
    await expect(attempt(() => store.commit({ deliveries: [received('{}')], outcomes: [] }))).rejects.toThrow();
  });
}

/** A call that may throw at once (an embedded store) or reject (a shared one), as a promise. */
const attempt = async (call: () => unknown): Promise<unknown> => call();

describe.each(implementations)('%s store', (_name, open) => storeContract(open));

describeWithPostgres('postgres store', (database) => storeContract(async () => PostgresStore.open(await emptiedDatabase(database.url))));

describe('the SQLite store on disk', () => {
  it('reopens with everything committed, in WAL mode', () => {
    const path = dbPath();
    const first = new SqliteStore(path);
    first.commit({ deliveries: [received('{"a":1}')], outcomes: [{ seq: 1, outcome: applied('t1') }] });
    // No close: as after a crash.
    const second = new SqliteStore(path);
    expect(second.deliveriesAfter(0, 10)).toHaveLength(1);
    expect(second.historyOf({ kind: 'task', id: 't1' }, 1)).toHaveLength(1);
    expect(second.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([2]);
    second.close();
    first.close();
  });

  it('with a commit thread, commits off the caller\'s thread: the caller goes on while the transaction waits', async () => {
    const path = dbPath();
    const store = new SqliteStore(path, { commitThread: true });
    // Another writer holds the write lock, so the store's transaction has to wait for it.
    const other = new BetterSqlite3(path);
    other.exec('BEGIN IMMEDIATE');
    const pending = store.beginCommit!({ deliveries: [received('{"a":1}')], outcomes: [] });
    let settled = false;
    void pending.settled.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(store.deliveriesAfter(0, 10)).toHaveLength(0);
    other.exec('COMMIT');
    await pending.settled;
    expect(pending.result()).toEqual([1]);
    expect(store.deliveriesAfter(0, 10)).toHaveLength(1);
    // A synchronous commit waits for the thread's answer.
    expect(store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([2]);
    other.close();
    store.close();
  });

  it('fails the commits of a commit thread that cannot open the file at once, rather than waiting for it', () => {
    const thread = new CommitThread(join(tmpdir(), 'contactstate-no-such-dir', 'nested', 'state.db'));
    expect(() => thread.begin({ deliveries: [], outcomes: [] }).result()).toThrow(/the commit thread failed/);
  });
});

describe('loggableHeaders', () => {
  it('lower-cases names, joins repeated values and leaves credentials out', () => {
    expect({ ...loggableHeaders({ 'X-WebexCC-Signature': 'abc', Authorization: 'Bearer x', cookie: 'c', 'x-many': ['1', '2'], gone: undefined }) }).toEqual({
      'x-webexcc-signature': 'abc',
      'x-many': '1, 2',
    });
  });
});
