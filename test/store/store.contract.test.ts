// The Store contract, run against both implementations: what one commit writes, what readers see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestOutcome } from '../../src/engine/outcome.js';
import { CommitThread } from '../../src/store/commitThread.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { loggableHeaders, type Store } from '../../src/store/store.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { received } from './feeds.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contactstate-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'state.db');
}

const implementations: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore(dbPath())],
  ['sqlite with a commit thread', () => new SqliteStore(dbPath(), { commitThread: true })],
];

const applied = (taskId: string): IngestOutcome => ({
  status: 'applied',
  source: 'webex',
  eventId: `e-${taskId}`,
  entities: [{ entity: { kind: 'task', id: taskId }, status: 'applied' }],
});
const rejected: IngestOutcome = { status: 'rejected', source: 'webex', reason: 'body is not JSON', issues: [], entities: [] };

describe.each(implementations)('%s store', (_name, open) => {
  it('gives deliveries increasing seqs and keeps their bytes, headers and time', () => {
    const store = open();
    const body = Buffer.from([0x7b, 0x7d, 0xff, 0x00]);
    const seqs = store.commit({ deliveries: [{ source: 'webex', headers: { a: '1' }, body, receivedAt: 42 }, received('{"x":1}')], outcomes: [] });
    expect(seqs).toEqual([1, 2]);
    expect(store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([3]);
    const [first] = store.deliveriesAfter(0, 1);
    expect(first).toMatchObject({ seq: 1, source: 'webex', headers: { a: '1' }, receivedAt: 42 });
    expect(Buffer.from(first!.body).equals(body)).toBe(true);
    expect(first!.status).toBeUndefined();
    expect(store.deliveriesAfter(1, 10).map((delivery) => delivery.seq)).toEqual([2, 3]);
    expect(store.counts()).toMatchObject({ deliveries: 3, lastSeq: 3, deadLetters: 0, snapshotSeq: null });
    store.close();
  });

  it('records outcomes, indexes entities for history and keeps rejected deliveries as dead letters', () => {
    const store = open();
    store.commit({ deliveries: [received('{"a":1}'), received('not json'), received('{"a":2}')], outcomes: [] });
    store.commit({ deliveries: [], outcomes: [{ seq: 1, outcome: applied('t1') }, { seq: 2, outcome: rejected }, { seq: 3, outcome: applied('t1') }] });
    // Recorded again after a restart's refold: replaces, never duplicates.
    store.commit({ deliveries: [], outcomes: [{ seq: 2, outcome: rejected }, { seq: 3, outcome: applied('t1') }] });
    expect(store.deliveriesAfter(0, 10).map((delivery) => delivery.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(store.historyOf({ kind: 'task', id: 't1' }, 3).map((delivery) => delivery.seq)).toEqual([1, 3]);
    expect(store.historyOf({ kind: 'task', id: 't1' }, 2).map((delivery) => delivery.seq)).toEqual([1]);
    expect(store.historyOf({ kind: 'agent', id: 't1' }, 3)).toEqual([]);
    const letters = store.deadLetters(0, 10);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ seq: 2, status: 'rejected', reason: 'body is not JSON' });
    expect(Buffer.from(letters[0]!.delivery.body).toString()).toBe('not json');
    expect(store.counts().deadLetters).toBe(1);
    store.close();
  });

  it('commits a batch whole or not at all', () => {
    const store = open();
    store.commit({ deliveries: [received('{}')], outcomes: [] });
    expect(() => store.commit({ deliveries: [received('{"lost":1}')], outcomes: [{ seq: 99, outcome: applied('t') }] })).toThrow(/not in the log/);
    expect(store.counts().deliveries).toBe(1);
    expect(store.commit({ deliveries: [received('{}')], outcomes: [] })).toEqual([2]);
    store.close();
  });

  it('keeps the newest snapshots and returns the latest', () => {
    const store = open();
    const engine = createEngine().snapshot();
    store.commit({ deliveries: [received('{}'), received('{}'), received('{}')], outcomes: [] });
    for (const seq of [1, 2, 3]) store.commit({ deliveries: [], outcomes: [], snapshot: { seq, takenAt: seq * 10, engine } });
    expect(store.latestSnapshot()).toEqual({ seq: 3, takenAt: 30, engine });
    expect(store.counts().snapshotSeq).toBe(3);
    store.close();
  });

  it('refuses writes once closed', () => {
    const store = open();
    store.close();
    expect(() => store.commit({ deliveries: [received('{}')], outcomes: [] })).toThrow();
  });
});

describe('the SQLite store on disk', () => {
  it('reopens with everything committed, in WAL mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contactstate-store-'));
    dirs.push(dir);
    const path = join(dir, 'state.db');
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
