// The PostgreSQL schema, as the steps that built it: a database at version n has run the first n.
// Frozen: a database that ran a step never runs it again, so editing an applied step changes
// nothing where it already ran and makes new databases differ from old ones. Each step is a
// constant text (no interpolation: nothing else in the code can change it), and
// test/store/postgres/migrations.test.ts holds its sha256. A change (a new table, a function
// rewritten with CREATE OR REPLACE, one dropped and created with a new signature) is a new step
// appended at the end. The names are spelled out: schema `contactstate` (SCHEMA in schema.ts),
// channel `contactstate_log` (LOG_CHANNEL), checkpoint lock 0x63746370 = 1668572016 ("ctcp").
export const MIGRATIONS: readonly string[] = [
  `
  -- The newest position taken in the log. Appends update this one row first, so they are
  -- serialised: positions are given in commit order, without gaps, and a reader that has seen a
  -- position has seen every one below it (see postgresStore.ts, "Why serialised appends").
  CREATE TABLE contactstate.log_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq bigint NOT NULL
  );
  INSERT INTO contactstate.log_head (seq) VALUES (0);
  -- The delivery log: every delivery that passed its signature check, by global position.
  CREATE TABLE contactstate.deliveries (
    seq bigint PRIMARY KEY,
    source text,
    headers text NOT NULL,
    body bytea NOT NULL,
    received_at bigint NOT NULL,
    status text,
    reason text,
    -- An operator record (a reconcile), JSON, for a row that is one.
    operator text
  );
  -- Which deliveries asserted something about an entity: its history, to refold it exactly.
  CREATE TABLE contactstate.entity_deliveries (
    kind text NOT NULL,
    id text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (kind, id, seq)
  );
  -- Rejected and late deliveries, with the outcome that says why (JSON text: jsonb refuses \\u0000).
  CREATE TABLE contactstate.dead_letters (
    seq bigint PRIMARY KEY,
    status text NOT NULL,
    reason text,
    outcome text NOT NULL
  );
  `,
  `
  -- The newest checkpoint: the engine's meta (one row), and one row per live ledger, rewritten only
  -- when that ledger changed. Several receivers write it; a checkpoint older than the one stored is
  -- not written (see postgresStore.ts, "Checkpoints from several receivers").
  CREATE TABLE contactstate.checkpoint (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq bigint NOT NULL,
    taken_at bigint NOT NULL,
    engine text NOT NULL,
    -- How far the log has been pruned (a prune needs a checkpoint that covers it).
    pruned_through bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE contactstate.ledgers (
    kind text NOT NULL,
    id text NOT NULL,
    ledger text NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- Entities that left memory: their final view, to answer for them by id.
  CREATE TABLE contactstate.finished (
    kind text NOT NULL,
    id text NOT NULL,
    source text NOT NULL,
    last_event_time bigint NOT NULL,
    finished_at bigint NOT NULL,
    view text NOT NULL,
    ledgers text NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX finished_by_last_event ON contactstate.finished (last_event_time);
  CREATE INDEX finished_by_age ON contactstate.finished (finished_at);
  -- Per entity, its state folded from the deliveries a prune removed.
  CREATE TABLE contactstate.floors (
    kind text NOT NULL,
    id text NOT NULL,
    through_seq bigint NOT NULL,
    ledger text NOT NULL,
    PRIMARY KEY (kind, id)
  );
  -- A commit is one call of this function: one statement, atomic by itself (commitBatch.ts).
  
  CREATE FUNCTION contactstate.commit_batch(appended_sources text[], appended_headers text[], appended_bodies bytea[], appended_received_at bigint[], appended_operators text[], outcome_seqs bigint[], outcome_statuses text[], outcome_reasons text[], outcome_dead_letters text[], indexed_kinds text[], indexed_ids text[], indexed_seqs bigint[], checkpoint_seq bigint, checkpoint_taken_at bigint, checkpoint_engine text, checkpoint_full boolean, ledger_kinds text[], ledger_ids text[], ledger_texts text[], finished_kinds text[], finished_ids text[], finished_sources text[], finished_last_event_times bigint[], finished_views text[], finished_ledger_refs text[], dropped_ledger_kinds text[], dropped_ledger_ids text[], prune_through bigint, prune_finished_before bigint, prune_dead_letters_kept integer, floor_kinds text[], floor_ids text[], floor_through_seqs bigint[], floor_ledgers text[])
  RETURNS bigint LANGUAGE plpgsql SET search_path = contactstate AS $commit$
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
      PERFORM pg_notify('contactstate_log', last_seq::text);
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
    PERFORM pg_advisory_xact_lock(1668572016);
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
  
  `,
  `
  -- commit_batch with the batch as one named record, the rows commitBatch.ts builds (batchRows.ts's
  -- BatchRows, JSON): {deliveries: [...], outcomes: [...], checkpoint: {...}, prune: {...}}. A body
  -- travels as base64 text (JSON has no bytes) and is decoded here. It does what the step before's
  -- function of 34 parallel arrays does, in the same order, under the same locks.
  -- That function stays: a receiver still running the code before this step calls it until it is
  -- replaced, and it writes the same rows. A later step may drop it once no such receiver runs.
  CREATE FUNCTION contactstate.commit_batch(batch jsonb)
  RETURNS bigint LANGUAGE plpgsql SET search_path = contactstate AS $commit$
  DECLARE
    appended integer := jsonb_array_length(batch->'deliveries');
    checkpoint_seq bigint := (batch #>> '{checkpoint,seq}')::bigint;
    checkpoint_taken_at bigint := (batch #>> '{checkpoint,takenAt}')::bigint;
    prune_through bigint := (batch #>> '{prune,throughSeq}')::bigint;
    prune_finished_before bigint := (batch #>> '{prune,finishedBefore}')::bigint;
    prune_dead_letters_kept integer := (batch #>> '{prune,deadLettersKept}')::integer;
    last_seq bigint;
    stored_seq bigint;
    stored_pruned_through bigint;
    missing_seq bigint;
  BEGIN
    IF appended > 0 THEN
      -- First: the row lock queues concurrent appends before they take positions.
      UPDATE log_head SET seq = seq + appended RETURNING seq INTO last_seq;
      INSERT INTO deliveries (seq, source, headers, body, received_at, operator)
        SELECT last_seq - appended + a.n, a.source, a.headers, decode(a.body, 'base64'), a.received_at, a.operator
        FROM ROWS FROM (jsonb_to_recordset(batch->'deliveries') AS (source text, headers text, body text, "receivedAt" bigint, operator text))
          WITH ORDINALITY AS a(source, headers, body, received_at, operator, n);
      -- Delivered to listeners when (and only if) this commit does.
      PERFORM pg_notify('contactstate_log', last_seq::text);
    END IF;

    IF jsonb_array_length(batch->'outcomes') > 0 THEN
      SELECT o.seq INTO missing_seq FROM jsonb_to_recordset(batch->'outcomes') AS o(seq bigint)
        WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = o.seq) LIMIT 1;
      IF missing_seq IS NOT NULL THEN
        RAISE EXCEPTION 'outcome for seq %, which is not in the log', missing_seq;
      END IF;
      WITH recorded AS (
        SELECT * FROM jsonb_to_recordset(batch->'outcomes') AS r(seq bigint, status text, reason text)
      ), differing AS (
        SELECT d.seq, recorded.status, recorded.reason FROM deliveries d JOIN recorded ON recorded.seq = d.seq
        WHERE (d.status, d.reason) IS DISTINCT FROM (recorded.status, recorded.reason)
        ORDER BY d.seq FOR UPDATE OF d
      )
      UPDATE deliveries d SET status = differing.status, reason = differing.reason FROM differing WHERE d.seq = differing.seq;
      INSERT INTO entity_deliveries (kind, id, seq)
        SELECT e.kind, e.id, o.seq
        FROM jsonb_to_recordset(batch->'outcomes') AS o(seq bigint, entities jsonb), jsonb_to_recordset(o.entities) AS e(kind text, id text)
        ORDER BY o.seq, e.kind, e.id
        ON CONFLICT DO NOTHING;
      INSERT INTO dead_letters (seq, status, reason, outcome)
        SELECT l.seq, l.status, l.reason, l.outcome
        FROM ROWS FROM (jsonb_to_recordset(batch->'outcomes') AS (seq bigint, status text, reason text, "deadLetter" text)) AS l(seq, status, reason, outcome)
        WHERE l.outcome IS NOT NULL ORDER BY l.seq
        ON CONFLICT (seq) DO UPDATE SET status = excluded.status, reason = excluded.reason, outcome = excluded.outcome
        WHERE dead_letters.outcome IS DISTINCT FROM excluded.outcome;
    END IF;

    IF checkpoint_seq IS NULL AND prune_through IS NULL THEN
      RETURN last_seq;
    END IF;
    PERFORM pg_advisory_xact_lock(1668572016);
    SELECT seq INTO stored_seq FROM checkpoint;
    IF checkpoint_seq >= coalesce(stored_seq, 0) THEN
      IF (batch #>> '{checkpoint,full}')::boolean THEN
        DELETE FROM ledgers;
      END IF;
      -- A finished row's ledgers: the text it stores, JSON [[kind, id], ...].
      DELETE FROM ledgers l
        USING jsonb_to_recordset(batch #> '{checkpoint,finished}') AS f(ledgers text), json_array_elements(f.ledgers::json) AS owned(ref)
        WHERE l.kind = owned.ref->>0 AND l.id = owned.ref->>1;
      INSERT INTO finished (kind, id, source, last_event_time, finished_at, view, ledgers)
        SELECT f.kind, f.id, f.source, f.last_event_time, checkpoint_taken_at, f.view, f.ledgers
        FROM ROWS FROM (jsonb_to_recordset(batch #> '{checkpoint,finished}') AS (kind text, id text, source text, "lastEventTime" bigint, view text, ledgers text))
          AS f(kind, id, source, last_event_time, view, ledgers)
        ON CONFLICT (kind, id) DO UPDATE SET source = excluded.source, last_event_time = excluded.last_event_time,
          finished_at = excluded.finished_at, view = excluded.view, ledgers = excluded.ledgers;
      INSERT INTO ledgers (kind, id, ledger)
        SELECT l.kind, l.id, l.ledger FROM jsonb_to_recordset(batch #> '{checkpoint,ledgers}') AS l(kind text, id text, ledger text)
        ON CONFLICT (kind, id) DO UPDATE SET ledger = excluded.ledger;
      INSERT INTO checkpoint (seq, taken_at, engine) VALUES (checkpoint_seq, checkpoint_taken_at, batch #>> '{checkpoint,engine}')
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
      INSERT INTO floors (kind, id, through_seq, ledger)
        SELECT f.kind, f.id, f.through_seq, f.ledger
        FROM ROWS FROM (jsonb_to_recordset(batch #> '{prune,floors}') AS (kind text, id text, "throughSeq" bigint, ledger text))
          AS f(kind, id, through_seq, ledger)
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
  `,
];
