// One commit is one statement: a call of the `commit_batch` function (created by migration 2) with
// the rows of a WriteBatch (sqliteWriter.ts's `toRows`, shared with SQLite) as arrays. A statement
// is atomic by itself, so there is no BEGIN, no COMMIT and no connection held between round trips:
// the head lock is held for as long as the server works, not for the round trips of a transaction,
// and a connection lost mid-way leaves nothing for the driver to roll back (postgres.js writes the
// ROLLBACK of an interrupted `sql.begin` to the closed socket and crashes the process,
// porsager/postgres#1208). Event stores on PostgreSQL append through a function too (emmett's
// `emt_append_event`, Marten's `mt_append_event`).
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
import type { BatchRows } from '../sqliteWriter.js';
import type { Sql } from './connection.js';

/** The function's parameters, in call order: its signature and the call are both made from this. */
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

/** Serialises checkpoint and prune writes across receivers (any constant nothing else uses: "ctcp"). */
const CHECKPOINT_LOCK = 0x63746370;

/** Migration 2's function, in the schema `schema`. */
export function commitFunction(schema: string, logChannel: string): string {
  return `
  CREATE FUNCTION ${schema}.commit_batch(${PARAMETERS.map(([name, type]) => `${name} ${type}`).join(', ')})
  RETURNS bigint LANGUAGE plpgsql SET search_path = ${schema} AS $commit$
  DECLARE
    appended integer := cardinality(appended_bodies);
    last_seq bigint;
    stored_seq bigint;
    stored_pruned_through bigint;
    missing_seq bigint;
  BEGIN
    IF appended > 0 THEN
      -- First: the row lock queues concurrent appends before they take positions.
      UPDATE log_head SET seq = seq + appended RETURNING seq INTO last_seq;
      INSERT INTO deliveries (seq, source, headers, body, received_at, operator)
        SELECT last_seq - appended + n, s, h, b, r, o
        FROM unnest(appended_sources, appended_headers, appended_bodies, appended_received_at, appended_operators) WITH ORDINALITY AS a(s, h, b, r, o, n);
      -- Delivered to listeners when (and only if) this commit does.
      PERFORM pg_notify('${logChannel}', last_seq::text);
    END IF;

    IF cardinality(outcome_seqs) > 0 THEN
      SELECT o.seq INTO missing_seq FROM unnest(outcome_seqs) AS o(seq) WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = o.seq) LIMIT 1;
      IF missing_seq IS NOT NULL THEN
        RAISE EXCEPTION 'outcome for seq %, which is not in the log', missing_seq;
      END IF;
      WITH recorded AS (
        SELECT * FROM unnest(outcome_seqs, outcome_statuses, outcome_reasons) AS r(seq, status, reason)
      ), differing AS (
        SELECT d.seq, recorded.status, recorded.reason FROM deliveries d JOIN recorded ON recorded.seq = d.seq
        WHERE (d.status, d.reason) IS DISTINCT FROM (recorded.status, recorded.reason)
        ORDER BY d.seq FOR UPDATE OF d
      )
      UPDATE deliveries d SET status = differing.status, reason = differing.reason FROM differing WHERE d.seq = differing.seq;
      INSERT INTO entity_deliveries (kind, id, seq)
        SELECT * FROM unnest(indexed_kinds, indexed_ids, indexed_seqs) AS x(kind, id, seq) ORDER BY x.seq, x.kind, x.id
        ON CONFLICT DO NOTHING;
      INSERT INTO dead_letters (seq, status, reason, outcome)
        SELECT * FROM unnest(outcome_seqs, outcome_statuses, outcome_reasons, outcome_dead_letters) AS l(seq, status, reason, outcome)
        WHERE l.outcome IS NOT NULL ORDER BY l.seq
        ON CONFLICT (seq) DO UPDATE SET status = excluded.status, reason = excluded.reason, outcome = excluded.outcome
        WHERE dead_letters.outcome IS DISTINCT FROM excluded.outcome;
    END IF;

    IF checkpoint_seq IS NULL AND prune_through IS NULL THEN
      RETURN last_seq;
    END IF;
    PERFORM pg_advisory_xact_lock(${CHECKPOINT_LOCK});
    SELECT seq INTO stored_seq FROM checkpoint;
    IF checkpoint_seq >= coalesce(stored_seq, 0) THEN
      IF checkpoint_full THEN
        DELETE FROM ledgers;
      END IF;
      DELETE FROM ledgers l USING unnest(dropped_ledger_kinds, dropped_ledger_ids) AS dropped(kind, id) WHERE l.kind = dropped.kind AND l.id = dropped.id;
      INSERT INTO finished (kind, id, source, last_event_time, finished_at, view, ledgers)
        SELECT k, i, s, t, checkpoint_taken_at, v, r
        FROM unnest(finished_kinds, finished_ids, finished_sources, finished_last_event_times, finished_views, finished_ledger_refs) AS f(k, i, s, t, v, r)
        ON CONFLICT (kind, id) DO UPDATE SET source = excluded.source, last_event_time = excluded.last_event_time,
          finished_at = excluded.finished_at, view = excluded.view, ledgers = excluded.ledgers;
      INSERT INTO ledgers (kind, id, ledger) SELECT * FROM unnest(ledger_kinds, ledger_ids, ledger_texts)
        ON CONFLICT (kind, id) DO UPDATE SET ledger = excluded.ledger;
      INSERT INTO checkpoint (seq, taken_at, engine) VALUES (checkpoint_seq, checkpoint_taken_at, checkpoint_engine)
        ON CONFLICT (singleton) DO UPDATE SET seq = excluded.seq, taken_at = excluded.taken_at, engine = excluded.engine;
    END IF;

    IF prune_through IS NOT NULL THEN
      SELECT seq, pruned_through INTO stored_seq, stored_pruned_through FROM checkpoint;
      IF stored_seq IS NULL OR prune_through > stored_seq THEN
        RAISE EXCEPTION 'prune through seq %: not covered by a checkpoint (newest at %)', prune_through, coalesce(stored_seq::text, 'none');
      END IF;
      DELETE FROM dead_letters WHERE seq NOT IN (SELECT seq FROM dead_letters ORDER BY seq DESC LIMIT prune_dead_letters_kept);
      DELETE FROM entity_deliveries WHERE seq <= prune_through;
      -- Also the deliveries of dead letters pruned earlier and dropped by the count only now.
      DELETE FROM deliveries d WHERE d.seq <= greatest(prune_through, stored_pruned_through)
        AND NOT EXISTS (SELECT 1 FROM dead_letters l WHERE l.seq = d.seq);
      INSERT INTO floors (kind, id, through_seq, ledger) SELECT * FROM unnest(floor_kinds, floor_ids, floor_through_seqs, floor_ledgers)
        ON CONFLICT (kind, id) DO UPDATE SET through_seq = excluded.through_seq, ledger = excluded.ledger
        WHERE floors.through_seq <= excluded.through_seq;
      DELETE FROM floors fl USING finished f, json_array_elements(f.ledgers::json) AS owned(ref)
        WHERE f.finished_at < prune_finished_before AND fl.kind = owned.ref->>0 AND fl.id = owned.ref->>1;
      DELETE FROM finished WHERE finished_at < prune_finished_before;
      UPDATE checkpoint SET pruned_through = greatest(pruned_through, prune_through);
    END IF;
    RETURN last_seq;
  END
  $commit$;
  `;
}

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
  const indexed = outcomes.flatMap(({ seq, entities }) => entities.map(([kind, id]) => [kind, id, seq] as const));
  const finished = checkpoint?.finished ?? [];
  const dropped = finished.flatMap(([, , , , , refs]) => refs);
  const floors = prune?.floors ?? [];
  const values: Arguments = {
    appended_sources: deliveries.map(([source]) => source),
    appended_headers: deliveries.map(([, headers]) => headers),
    // The one array whose element type postgres.js must be told: bytes, not text.
    appended_bodies: sql.array(deliveries.map(([, , body]) => Buffer.from(body.buffer, body.byteOffset, body.byteLength)), 17),
    appended_received_at: deliveries.map(([, , , receivedAt]) => receivedAt),
    appended_operators: deliveries.map(([, , , , operator]) => operator),
    outcome_seqs: outcomes.map((outcome) => outcome.seq),
    outcome_statuses: outcomes.map((outcome) => outcome.status),
    outcome_reasons: outcomes.map((outcome) => outcome.reason),
    outcome_dead_letters: outcomes.map((outcome) => outcome.deadLetter),
    indexed_kinds: indexed.map(([kind]) => kind),
    indexed_ids: indexed.map(([, id]) => id),
    indexed_seqs: indexed.map(([, , seq]) => seq),
    checkpoint_seq: checkpoint?.seq ?? null,
    checkpoint_taken_at: checkpoint?.takenAt ?? null,
    checkpoint_engine: checkpoint?.engine ?? null,
    checkpoint_full: checkpoint?.full ?? null,
    ledger_kinds: (checkpoint?.ledgers ?? []).map(([kind]) => kind),
    ledger_ids: (checkpoint?.ledgers ?? []).map(([, id]) => id),
    ledger_texts: (checkpoint?.ledgers ?? []).map(([, , ledger]) => ledger),
    finished_kinds: finished.map(([kind]) => kind),
    finished_ids: finished.map(([, id]) => id),
    finished_sources: finished.map(([, , source]) => source),
    finished_last_event_times: finished.map(([, , , lastEventTime]) => lastEventTime),
    finished_views: finished.map(([, , , , view]) => view),
    finished_ledger_refs: finished.map(([, , , , , refs]) => JSON.stringify(refs)),
    dropped_ledger_kinds: dropped.map(([kind]) => kind),
    dropped_ledger_ids: dropped.map(([, id]) => id),
    prune_through: prune?.throughSeq ?? null,
    prune_finished_before: prune?.finishedBefore ?? null,
    prune_dead_letters_kept: prune?.deadLettersKept ?? null,
    floor_kinds: floors.map(([kind]) => kind),
    floor_ids: floors.map(([, id]) => id),
    floor_through_seqs: floors.map(([, , through]) => through),
    floor_ledgers: floors.map(([, , , ledger]) => ledger),
  };
  for (const [name] of PARAMETERS) yield values[name];
}
