// One commit is one statement: a call of the `commit_batch` function (migrations.ts, step 3) with
// the rows of a WriteBatch (batchRows.ts's `toRows`, shared with SQLite) as one named record, JSON. A statement
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
import { type BatchRows, ownedLedgersText } from '../batchRows.js';
import type { Sql } from './connection.js';

/** Commits the rows in one statement; returns the positions given to the deliveries. */
export async function commitBatch(sql: Sql, schema: string, rows: BatchRows): Promise<number[]> {
  // Prepared: each connection parses the call once. The batch goes as text, cast by the server:
  // postgres.js would JSON.stringify a jsonb parameter itself, without the repair below.
  const [row] = await sql.unsafe<{ last_seq: string | null }[]>(`SELECT ${schema}.commit_batch($1::text::jsonb) AS last_seq`, [batchJson(rows)], {
    prepare: true,
  });
  const last = Number(row!.last_seq);
  return rows.deliveries.map((_, index) => last - rows.deliveries.length + 1 + index);
}

/** The rows as the function reads them: BatchRows, each body in base64, each finished row's owned
 *  ledgers as the text its row stores. */
function batchJson(rows: BatchRows): string {
  const { deliveries, outcomes, checkpoint, prune } = rows;
  const json = JSON.stringify({
    deliveries: deliveries.map(({ body, ...delivery }) => ({ ...delivery, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64') })),
    outcomes,
    checkpoint: checkpoint && { ...checkpoint, finished: checkpoint.finished.map((entity) => ({ ...entity, ledgers: ownedLedgersText(entity.ledgers) })) },
    prune,
  });
  return json.includes('\\ud') ? withoutLoneSurrogates(json) : json;
}

/** An escaped lone surrogate (JSON.stringify's spelling of a string that is not well-formed
 *  UTF-16, e.g. an id from a vendor's `"\ud800"`) is refused by jsonb, which would refuse the
 *  whole commit: it becomes U+FFFD, as UTF-8 encoding makes it in a text parameter. An escape is
 *  one preceded by an even number of backslashes. */
const withoutLoneSurrogates = (json: string): string => json.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '$1\\ufffd');
