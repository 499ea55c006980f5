// One commit is one statement: a call of the `commit_batch` function (created by migration 2) with
// the rows of a WriteBatch (batchRows.ts's `toRows`, shared with SQLite) as arrays. A statement
// is atomic by itself, so there is no BEGIN, no COMMIT and no connection held between round trips:
// the head lock is held for as long as the server works, not for the round trips of a transaction,
// and a connection lost mid-way leaves nothing for the driver to roll back (postgres.js writes the
// ROLLBACK of an interrupted `sql.begin` to the closed socket and crashes the process,
// porsager/postgres#1208). Event stores on PostgreSQL append through a function too (emmett's
// `emt_append_event`, Marten's `mt_append_event`). The function's text is in migrations.ts, frozen;
// this file only calls it, and a new signature is a new migration.
//
// Several receivers write at once, so the function keeps three rules:
// - Appends take their positions under the one `log_head` row lock (postgresStore.ts, "Why
//   serialised appends"): commit order, no gaps.
// - Every receiver records the outcome of every delivery it folds, so two commits often write the
//   same rows. They write only what differs, and lock what they write in seq order, so that two of
//   them wait for each other at most, never deadlock.
// - The stored checkpoint (meta and ledger rows) is always the state at its seq. A checkpoint holds
//   what changed since its writer's last one, so it is written only if its seq is not below the
//   stored one: a slow receiver's rows never overwrite newer ones. Skipping is safe for the writer
//   too: its next checkpoint, at a higher seq, holds everything changed since the skipped one, and
//   what changed before that is in the newer checkpoint that was stored. Floors only move forward.
import type postgres from 'postgres';
import { type BatchRows, ownedLedgersText } from '../batchRows.js';
import type { Sql } from './connection.js';

/** The function's parameters, in its signature's order (migrations.ts): the call names each one. */
const PARAMETERS = [
  ['appended_sources', 'text[]'],
  ['appended_headers', 'text[]'],
  ['appended_bodies', 'bytea[]'],
  ['appended_received_at', 'bigint[]'],
  ['appended_operators', 'text[]'],
  ['outcome_seqs', 'bigint[]'],
  ['outcome_statuses', 'text[]'],
  ['outcome_reasons', 'text[]'],
  ['outcome_dead_letters', 'text[]'],
  ['indexed_kinds', 'text[]'],
  ['indexed_ids', 'text[]'],
  ['indexed_seqs', 'bigint[]'],
  ['checkpoint_seq', 'bigint'],
  ['checkpoint_taken_at', 'bigint'],
  ['checkpoint_engine', 'text'],
  ['checkpoint_full', 'boolean'],
  ['ledger_kinds', 'text[]'],
  ['ledger_ids', 'text[]'],
  ['ledger_texts', 'text[]'],
  ['finished_kinds', 'text[]'],
  ['finished_ids', 'text[]'],
  ['finished_sources', 'text[]'],
  ['finished_last_event_times', 'bigint[]'],
  ['finished_views', 'text[]'],
  ['finished_ledger_refs', 'text[]'],
  ['dropped_ledger_kinds', 'text[]'],
  ['dropped_ledger_ids', 'text[]'],
  ['prune_through', 'bigint'],
  ['prune_finished_before', 'bigint'],
  ['prune_dead_letters_kept', 'integer'],
  ['floor_kinds', 'text[]'],
  ['floor_ids', 'text[]'],
  ['floor_through_seqs', 'bigint[]'],
  ['floor_ledgers', 'text[]'],
] as const;

type Arguments = Record<(typeof PARAMETERS)[number][0], postgres.ParameterOrJSON<never>>;

/** Commits the rows in one statement; returns the positions given to the deliveries. */
export async function commitBatch(sql: Sql, schema: string, rows: BatchRows): Promise<number[]> {
  // Prepared: each connection parses the call once.
  const [row] = await sql.unsafe<{ last_seq: string | null }[]>(CALL(schema), [...argumentsOf(sql, rows)], { prepare: true });
  const last = Number(row!.last_seq);
  return rows.deliveries.map((_, index) => last - rows.deliveries.length + 1 + index);
}

const CALL = (schema: string) =>
  `SELECT ${schema}.commit_batch(${PARAMETERS.map(([name, type], index) => `${name} => $${index + 1}::${type}`).join(', ')}) AS last_seq`;

function* argumentsOf(sql: Sql, rows: BatchRows): Generator<postgres.ParameterOrJSON<never>> {
  const { deliveries, outcomes, checkpoint, prune } = rows;
  const indexed = outcomes.flatMap(({ seq, entities }) => entities.map(({ kind, id }) => ({ kind, id, seq })));
  const ledgers = checkpoint?.ledgers ?? [];
  const finished = checkpoint?.finished ?? [];
  const dropped = finished.flatMap((entity) => entity.ledgers);
  const floors = prune?.floors ?? [];
  const values: Arguments = {
    appended_sources: deliveries.map((delivery) => delivery.source),
    appended_headers: deliveries.map((delivery) => delivery.headers),
    // The one array whose element type postgres.js must be told: bytes, not text.
    appended_bodies: sql.array(deliveries.map(({ body }) => Buffer.from(body.buffer, body.byteOffset, body.byteLength)), 17),
    appended_received_at: deliveries.map((delivery) => delivery.receivedAt),
    appended_operators: deliveries.map((delivery) => delivery.operator),
    outcome_seqs: outcomes.map((outcome) => outcome.seq),
    outcome_statuses: outcomes.map((outcome) => outcome.status),
    outcome_reasons: outcomes.map((outcome) => outcome.reason),
    outcome_dead_letters: outcomes.map((outcome) => outcome.deadLetter),
    indexed_kinds: indexed.map((row) => row.kind),
    indexed_ids: indexed.map((row) => row.id),
    indexed_seqs: indexed.map((row) => row.seq),
    checkpoint_seq: checkpoint?.seq ?? null,
    checkpoint_taken_at: checkpoint?.takenAt ?? null,
    checkpoint_engine: checkpoint?.engine ?? null,
    checkpoint_full: checkpoint?.full ?? null,
    ledger_kinds: ledgers.map((row) => row.kind),
    ledger_ids: ledgers.map((row) => row.id),
    ledger_texts: ledgers.map((row) => row.ledger),
    finished_kinds: finished.map((row) => row.kind),
    finished_ids: finished.map((row) => row.id),
    finished_sources: finished.map((row) => row.source),
    finished_last_event_times: finished.map((row) => row.lastEventTime),
    finished_views: finished.map((row) => row.view),
    finished_ledger_refs: finished.map((row) => ownedLedgersText(row.ledgers)),
    dropped_ledger_kinds: dropped.map((row) => row.kind),
    dropped_ledger_ids: dropped.map((row) => row.id),
    prune_through: prune?.throughSeq ?? null,
    prune_finished_before: prune?.finishedBefore ?? null,
    prune_dead_letters_kept: prune?.deadLettersKept ?? null,
    floor_kinds: floors.map((row) => row.kind),
    floor_ids: floors.map((row) => row.id),
    floor_through_seqs: floors.map((row) => row.throughSeq),
    floor_ledgers: floors.map((row) => row.ledger),
  };
  for (const [name] of PARAMETERS) yield values[name];
}
