// The shared store (DESIGN §6): several receivers append to one delivery log in PostgreSQL and
// each folds all of it, in one global order. The same tables and meaning as the SQLite store;
// every call is asynchronous (it crosses the network). So far the log part of the Store: the
// deliveries, their outcomes, the entity index and the dead-letter (checkpoints come next).
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
import type { EntityRef } from '../../events/canonical.js';
import { type DeadLetterRow, type DeliveryRow, toDeadLetter, toLogged } from '../loggedRows.js';
import { toRows } from '../sqliteWriter.js';
import type { LoggedDelivery, StoreCounts, StoredDeadLetter, WriteBatch } from '../store.js';
import { connectPostgres, type PostgresConnectionOptions, type Sql } from './connection.js';
import { type LogWatch, watchLog } from './logWatch.js';
import { LOG_CHANNEL, migrate, SCHEMA } from './schema.js';

const DELIVERY_COLUMNS = 'd.seq, d.source, d.headers, d.body, d.received_at, d.status, d.reason, d.operator';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** How often the log head is polled besides LISTEN (default 1000 ms). */
  pollMs?: number;
}

export class PostgresStore {
  private closed = false;

  private constructor(
    /** The pool; also for tests that look at the tables. */
    readonly sql: Sql,
    readonly url: string,
    private readonly options: PostgresStoreOptions,
  ) {}

  /** Connects and brings the schema up to date (safe when several receivers start at once). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const sql = connectPostgres(url, options);
    try {
      await migrate(sql);
    } catch (error) {
      await sql.end({ timeout: 0 });
      throw error;
    }
    return new PostgresStore(sql, url, options);
  }

  /**
   * Writes the batch in one transaction and returns the positions given to its deliveries. When
   * it resolves the batch is committed; when it rejects none of it was. An outcome recorded again
   * (by another receiver folding the same delivery, or a refold) writes nothing unless it differs.
   */
  async commit(batch: Pick<WriteBatch, 'deliveries' | 'outcomes'>): Promise<number[]> {
    if (this.closed) throw new Error('the store is closed');
    const rows = toRows(batch);
    const schema = this.sql(SCHEMA);
    return this.sql.begin(async (tx) => {
      let seqs: number[] = [];
      if (rows.deliveries.length > 0) {
        // First, so that the row lock queues concurrent appends before they take positions.
        const [head] = await tx<{ seq: string }[]>`UPDATE ${schema}.log_head SET seq = seq + ${rows.deliveries.length} RETURNING seq`;
        const last = Number(head!.seq);
        seqs = rows.deliveries.map((_, index) => last - rows.deliveries.length + 1 + index);
        const values = rows.deliveries.map(([source, headers, body, receivedAt, operator], index) => ({
          seq: seqs[index]!,
          source,
          headers,
          body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          received_at: receivedAt,
          operator,
        }));
        await tx`INSERT INTO ${schema}.deliveries ${tx(values, 'seq', 'source', 'headers', 'body', 'received_at', 'operator')}`;
        // Delivered to listeners when (and only if) this transaction commits.
        await tx`SELECT pg_notify(${LOG_CHANNEL}, ${String(last)})`;
      }
      if (rows.outcomes.length > 0) {
        const outcomes = rows.outcomes;
        const [missing] = await tx<{ seq: string }[]>`
          WITH recorded AS (
            SELECT * FROM unnest(${outcomes.map((o) => o.seq)}::bigint[], ${outcomes.map((o) => o.status)}::text[], ${outcomes.map((o) => o.reason)}::text[])
              AS recorded(seq, status, reason)
          ), changed AS (
            UPDATE ${schema}.deliveries d SET status = recorded.status, reason = recorded.reason FROM recorded
            WHERE d.seq = recorded.seq AND (d.status, d.reason) IS DISTINCT FROM (recorded.status, recorded.reason)
          )
          SELECT recorded.seq FROM recorded LEFT JOIN ${schema}.deliveries d ON d.seq = recorded.seq WHERE d.seq IS NULL LIMIT 1`;
        if (missing) throw new Error(`outcome for seq ${missing.seq}, which is not in the log`);
        const named = outcomes.flatMap(({ seq, entities }) => entities.map(([kind, id]) => ({ seq, kind, id })));
        if (named.length > 0) {
          await tx`
            INSERT INTO ${schema}.entity_deliveries (kind, id, seq)
            SELECT * FROM unnest(${named.map((e) => e.kind)}::text[], ${named.map((e) => e.id)}::text[], ${named.map((e) => e.seq)}::bigint[])
            ON CONFLICT DO NOTHING`;
        }
        const letters = outcomes.filter((outcome) => outcome.deadLetter !== null);
        if (letters.length > 0) {
          await tx`
            INSERT INTO ${schema}.dead_letters (seq, status, reason, outcome)
            SELECT * FROM unnest(${letters.map((l) => l.seq)}::bigint[], ${letters.map((l) => l.status)}::text[],
                                 ${letters.map((l) => l.reason)}::text[], ${letters.map((l) => l.deadLetter)}::text[])
            ON CONFLICT (seq) DO UPDATE SET status = excluded.status, reason = excluded.reason, outcome = excluded.outcome
            WHERE dead_letters.outcome IS DISTINCT FROM excluded.outcome`;
        }
      }
      return seqs;
    });
  }

  /** Up to `limit` deliveries with seq > `after`, in seq order: all of them, none skipped. */
  async deliveriesAfter(after: number, limit: number): Promise<LoggedDelivery[]> {
    const rows = await this.sql<DeliveryRow[]>`
      SELECT ${this.sql.unsafe(DELIVERY_COLUMNS)} FROM ${this.sql(SCHEMA)}.deliveries d WHERE d.seq > ${after} ORDER BY d.seq LIMIT ${limit}`;
    return rows.map(toLogged);
  }

  /** The deliveries with seq <= `upTo` whose recorded outcome names the entity, in seq order. */
  async historyOf(entity: EntityRef, upTo: number): Promise<LoggedDelivery[]> {
    const rows = await this.sql<DeliveryRow[]>`
      SELECT ${this.sql.unsafe(DELIVERY_COLUMNS)} FROM ${this.sql(SCHEMA)}.entity_deliveries e JOIN ${this.sql(SCHEMA)}.deliveries d ON d.seq = e.seq
      WHERE e.kind = ${entity.kind} AND e.id = ${entity.id} AND e.seq <= ${upTo} ORDER BY e.seq`;
    return rows.map(toLogged);
  }

  async deadLetters(after: number, limit: number): Promise<StoredDeadLetter[]> {
    const rows = await this.sql<DeadLetterRow[]>`
      SELECT ${this.sql.unsafe(DELIVERY_COLUMNS)}, l.status AS dl_status, l.reason AS dl_reason, l.outcome
      FROM ${this.sql(SCHEMA)}.dead_letters l JOIN ${this.sql(SCHEMA)}.deliveries d ON d.seq = l.seq
      WHERE l.seq > ${after} ORDER BY l.seq LIMIT ${limit}`;
    return rows.map(toDeadLetter);
  }

  /** The newest position committed: every position up to it can be read. */
  async head(): Promise<number> {
    const [row] = await this.sql<{ seq: string }[]>`SELECT seq FROM ${this.sql(SCHEMA)}.log_head`;
    return Number(row!.seq);
  }

  async counts(): Promise<Pick<StoreCounts, 'deliveries' | 'deadLetters' | 'lastSeq'>> {
    const [row] = await this.sql<{ deliveries: string; dead_letters: string; last_seq: string }[]>`
      SELECT (SELECT count(*) FROM ${this.sql(SCHEMA)}.deliveries) AS deliveries,
             (SELECT count(*) FROM ${this.sql(SCHEMA)}.dead_letters) AS dead_letters,
             (SELECT seq FROM ${this.sql(SCHEMA)}.log_head) AS last_seq`;
    return { deliveries: Number(row!.deliveries), deadLetters: Number(row!.dead_letters), lastSeq: Number(row!.last_seq) };
  }

  /** Other receivers' appends: LISTEN/NOTIFY, and a poll of the head (logWatch.ts). */
  watch(onHead: (seq: number) => void): LogWatch {
    return watchLog({ url: this.url, readHead: () => this.head(), onHead, ...(this.options.pollMs ? { pollMs: this.options.pollMs } : {}) });
  }

  /** Waits for the queries under way, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sql.end({ timeout: 5 });
  }
}
