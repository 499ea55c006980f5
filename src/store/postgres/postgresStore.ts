// The shared store (DESIGN §6): several receivers append to one delivery log in PostgreSQL and
// each folds all of it, in one global order. The same tables and meaning as the SQLite store; every
// call is asynchronous (it crosses the network). What a commit writes, in one statement, and how
// several receivers write at once without overwriting each other's newer rows: commitBatch.ts.
//
// Why serialised appends. A log that readers tail by position must never let a reader see a
// position while a lower one can still appear; with a plain sequence it can (the bigserial trap:
// transaction A takes 41, B takes 42 and commits first, a reader folds 42 and moves on, then A
// commits 41 behind it). Event stores on PostgreSQL answer with the writing transaction's xid8 and
// read only below the oldest transaction still in flight; but then the order that never skips is
// (xid, position), not the position, and every position this engine hands around (a receipt, a
// checkpoint's coverage, a history's bound, the dead-letter's paging) would become a pair, and any
// long transaction in the whole cluster, in any database, would hold every receiver's tail back.
// Instead each append first updates the one row of `log_head`: its row lock queues the appending
// transactions, so positions are taken in commit order, gap-free (the counter rolls back with a
// failed transaction, unlike a sequence), and a reader that sees a position has seen all below
// it. The price is one commit at a time across all receivers, which group commit already pays:
// a batch of deliveries shares each transaction.
import type { EngineMeta } from '../../engine/checkpoints.js';
import type { FinishedEntity, Tombstone } from '../../engine/finished.js';
import type { EntityRef, SourceId } from '../../events/canonical.js';
import { type DeadLetterRow, type DeliveryRow, toDeadLetter, toLogged } from '../loggedRows.js';
import { decodeSnapshot, type LedgerTextRow, ledgerRow } from '../snapshotCodec.js';
import { toRows } from '../batchRows.js';
import { type CheckpointRows, type LoggedDelivery, type Store, type StoreCounts, type StoredCheckpoint, type StoredDeadLetter, type StoredFloor, type WriteBatch, decodedCheckpoint } from '../store.js';
import { commitBatch } from './commitBatch.js';
import { Pool, type PostgresConnectionOptions, type Sql } from './connection.js';
import { type LogWatch, watchLog } from './logWatch.js';
import { migrate, SCHEMA } from './schema.js';

const DELIVERY_COLUMNS = 'd.seq, d.source, d.headers, d.body, d.received_at, d.status, d.reason, d.operator';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** How often the log head is polled besides LISTEN (default 1000 ms). */
  pollMs?: number;
}

interface FinishedRow {
  kind: FinishedEntity['kind'];
  id: string;
  source: SourceId;
  last_event_time: string;
  view: string;
  ledgers: string;
}

export class PostgresStore implements Store {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    readonly url: string,
    private readonly options: PostgresStoreOptions,
  ) {}

  /** Connects and brings the schema up to date (safe when several receivers start at once). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new Pool(url, options);
    try {
      await pool.run(migrate);
    } catch (error) {
      await pool.end(0);
      throw error;
    }
    return new PostgresStore(pool, url, options);
  }

  /** The pool in use, for tests that look at the tables. */
  get sql(): Sql {
    return this.pool.sql;
  }

  /**
   * Writes the batch in one transaction and returns the positions given to its deliveries. When
   * it resolves the batch is committed; when it rejects none of it was. An outcome recorded again
   * (by another receiver folding the same delivery, or a refold) writes nothing unless it differs;
   * a checkpoint older than the stored one is not written (commitBatch.ts).
   */
  async commit(batch: WriteBatch): Promise<number[]> {
    if (this.closed) throw new Error('the store is closed');
    const rows = toRows(batch);
    return this.pool.run((sql) => commitBatch(sql, SCHEMA, rows));
  }

  /** Up to `limit` deliveries with seq > `after`, in seq order: all of them, none skipped. */
  async deliveriesAfter(after: number, limit: number): Promise<LoggedDelivery[]> {
    const rows = await this.pool.run((sql) => sql<DeliveryRow[]>`
      SELECT ${sql.unsafe(DELIVERY_COLUMNS)} FROM deliveries d WHERE d.seq > ${after} ORDER BY d.seq LIMIT ${limit}`);
    return rows.map(toLogged);
  }

  /** The deliveries with seq <= `upTo` whose recorded outcome names the entity, in seq order. */
  async historyOf(entity: EntityRef, upTo: number): Promise<LoggedDelivery[]> {
    const rows = await this.pool.run((sql) => sql<DeliveryRow[]>`
      SELECT ${sql.unsafe(DELIVERY_COLUMNS)} FROM entity_deliveries e JOIN deliveries d ON d.seq = e.seq
      WHERE e.kind = ${entity.kind} AND e.id = ${entity.id} AND e.seq <= ${upTo} ORDER BY e.seq`);
    return rows.map(toLogged);
  }

  async floorOf(entity: EntityRef): Promise<StoredFloor | undefined> {
    const [row] = await this.pool.run((sql) => sql<{ through_seq: string; ledger: string }[]>`
      SELECT through_seq, ledger FROM floors WHERE kind = ${entity.kind} AND id = ${entity.id}`);
    return row ? { entity: { kind: entity.kind, id: entity.id }, throughSeq: Number(row.through_seq), ledger: decodeSnapshot(row.ledger) } : undefined;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return decodedCheckpoint(await this.latestCheckpointRows());
  }

  async latestCheckpointRows(): Promise<CheckpointRows | undefined> {
    // One statement, so one snapshot: the meta and the rows of the same checkpoint, whoever writes
    // meanwhile. One scan of the rows: aggregates of one query level take the rows in the same
    // order, so the three arrays line up.
    const [row] = await this.pool.run((sql) => sql<{ seq: string; taken_at: string; engine: string; kinds: LedgerTextRow['kind'][]; ids: string[]; ledgers: string[] }[]>`
      SELECT seq, taken_at, engine, rows.kinds, rows.ids, rows.ledgers
      FROM checkpoint, LATERAL (
        SELECT coalesce(array_agg(kind), '{}') AS kinds, coalesce(array_agg(id), '{}') AS ids, coalesce(array_agg(ledger), '{}') AS ledgers FROM ledgers
      ) AS rows`);
    if (!row) return undefined;
    return {
      seq: Number(row.seq),
      takenAt: Number(row.taken_at),
      engine: decodeSnapshot<EngineMeta>(row.engine),
      ledgers: row.ledgers.map((ledger, index) => ledgerRow({ kind: row.kinds[index]!, id: row.ids[index]!, ledger })),
    };
  }

  async finished(kind: FinishedEntity['kind'], id: string): Promise<FinishedEntity | undefined> {
    const [row] = await this.pool.run((sql) => sql<FinishedRow[]>`SELECT kind, id, source, last_event_time, view, ledgers FROM finished WHERE kind = ${kind} AND id = ${id}`);
    if (!row) return undefined;
    return {
      ...tombstoneOf(row),
      view: JSON.parse(row.view) as FinishedEntity['view'],
      ledgers: (JSON.parse(row.ledgers) as [FinishedEntity['ledgers'][number]['kind'], string][]).map(([ledgerKind, ledgerId]) => ({ kind: ledgerKind, id: ledgerId })),
    };
  }

  async finishedSince(lastEventTime: number): Promise<Tombstone[]> {
    const rows = await this.pool.run((sql) => sql<FinishedRow[]>`SELECT kind, id, source, last_event_time FROM finished WHERE last_event_time >= ${lastEventTime}`);
    return rows.map(tombstoneOf);
  }

  async deadLetters(after: number, limit: number): Promise<StoredDeadLetter[]> {
    const rows = await this.pool.run((sql) => sql<DeadLetterRow[]>`
      SELECT ${sql.unsafe(DELIVERY_COLUMNS)}, l.status AS dl_status, l.reason AS dl_reason, l.outcome
      FROM dead_letters l JOIN deliveries d ON d.seq = l.seq
      WHERE l.seq > ${after} ORDER BY l.seq LIMIT ${limit}`);
    return rows.map(toDeadLetter);
  }

  /** The newest position committed: every position up to it can be read. */
  async head(): Promise<number> {
    const [row] = await this.pool.run((sql) => sql<{ seq: string }[]>`SELECT seq FROM log_head`);
    return Number(row!.seq);
  }

  async prunedThrough(): Promise<number> {
    const [row] = await this.pool.run((sql) => sql<{ through: string }[]>`SELECT coalesce((SELECT pruned_through FROM checkpoint), 0) AS through`);
    return Number(row!.through);
  }

  async counts(): Promise<StoreCounts> {
    const [row] = await this.pool.run((sql) => sql<Record<keyof StoreCounts, string | null>[]>`
      SELECT (SELECT count(*) FROM deliveries) AS deliveries,
             (SELECT count(*) FROM dead_letters) AS "deadLetters",
             (SELECT seq FROM log_head) AS "lastSeq",
             (SELECT seq FROM checkpoint) AS "checkpointSeq",
             coalesce((SELECT pruned_through FROM checkpoint), 0) AS "prunedThrough",
             (SELECT count(*) FROM ledgers) AS ledgers,
             (SELECT count(*) FROM finished) AS finished,
             (SELECT count(*) FROM floors) AS floors`);
    const counts = Object.fromEntries(Object.entries(row!).map(([name, value]) => [name, value === null ? null : Number(value)]));
    return counts as unknown as StoreCounts;
  }

  /** Resolves if the server answers within `withinMs`; rejects with the reason if not (health checks). */
  async ping(withinMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer within ${withinMs} ms`)), withinMs);
    });
    try {
      await Promise.race([this.pool.run((sql) => sql`SELECT 1`), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Other receivers' appends: LISTEN/NOTIFY, and a poll of the head (logWatch.ts). */
  watch(onHead: (seq: number) => void): LogWatch {
    return watchLog({ url: this.url, readHead: () => this.head(), onHead, ...(this.options.pollMs ? { pollMs: this.options.pollMs } : {}) });
  }

  /** Waits for the queries under way, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

const tombstoneOf = (row: Pick<FinishedRow, 'kind' | 'id' | 'source' | 'last_event_time'>): Tombstone => ({
  kind: row.kind,
  id: row.id,
  source: row.source,
  lastEventTime: Number(row.last_event_time),
});
