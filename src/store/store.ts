// The event store contract (DESIGN §6), one implementation per backend (memory/, sqlite/,
// postgres/): the delivery log, the dead-letter, the entity index that lets one
// entity be refolded from its history, checkpoints, the views of finished entities and the floors
// that replace pruned history. Everything a receiver writes goes through `commit`, one transaction
// per batch, so a batch is durable whole or not at all: that is what lets the receiver acknowledge
// a delivery only once its batch has committed. The embedded stores (memory, SQLite) answer every
// call at once; a shared one (PostgreSQL, several receivers) answers later.
//
// Its roles, each an interface below: append a batch, read the log after a position (and follow
// it), one entity's history, what a start restores, what an operator inspects. A prune is written
// with a batch, as the prune policy planned it (policies/prunePolicy.ts).
//
// What a store keeps, and for how long (the policies decide the periods, the store obeys):
// - the log: every delivery, and every operator record (a reconcile), in commit order, until a
//   `prune` removes those through a seq that a checkpoint covers (never a dead letter's: they go
//   by their own count);
// - the checkpoint: one row of engine meta (clocks, counters) and one row per live ledger, each
//   rewritten only when its ledger changed (so a checkpoint costs what changed, not history);
// - finished entities: the final view of each entity that left memory, until pruned by age;
// - floors: per entity, its state folded from the deliveries a prune removed, so that refolding it
//   from its history still starts from the truth.
import type { EngineCheckpoint, EngineMeta } from '../engine/checkpoints.js';
import type { AuthoritativeState } from '../engine/entityMachines.js';
import type { FinishedEntity, Tombstone } from '../engine/finished.js';
import type { IngestOutcome, IngestStatus } from '../engine/outcome.js';
import type { LedgerRow } from '../engine/entityLedgers.js';
import type { EntityRef, SourceId } from '../events/canonical.js';
import type { LedgerSnapshot } from '../ledger/entityLedger.js';

/** An operator's reconcile (DESIGN §4.10): logged among the deliveries, refolded with its entity. */
export interface ReconcileRecord {
  kind: 'reconcile';
  entity: EntityRef;
  authority: AuthoritativeState;
  /** The moment the authoritative state describes (event time, epoch ms). */
  asOf: number;
  /** Free text: who reconciled and why. */
  reason: string;
}

/** A record an operator (not a vendor) puts in the log. */
export type OperatorRecord = ReconcileRecord;

/** A delivery as it reached the receiver: what the log keeps, so that it can be folded again. */
export interface ReceivedDelivery {
  /** The source the route named (`/webhooks/:source`); null when it is left to recognition. */
  source: SourceId | null;
  /** Header names lower-cased; credentials (authorization, cookie) are not kept. */
  headers: Record<string, string>;
  /** The raw body, byte for byte. */
  body: Uint8Array;
  /** When the receiver got it (epoch ms, from the injected clock). */
  receivedAt: number;
  /** Set for an operator record, which has no source, headers or body of its own (they are empty). */
  operator?: OperatorRecord;
}

export interface LoggedDelivery extends ReceivedDelivery {
  /** Position in the log: commit order, which is the order the engine ingests in. */
  seq: number;
  /** What ingesting it did, once recorded (a crash may leave it unrecorded: a restart refolds it). */
  status?: IngestStatus;
  reason?: string;
}

/** What ingesting a logged delivery did. Rejected and late ones also go to the dead-letter. */
export interface OutcomeRecord {
  seq: number;
  outcome: IngestOutcome;
}

/** A checkpoint to write: everything folded through `seq`, as what changed since the last one. */
export interface Checkpoint {
  /** Every delivery up to and including this seq is folded into it. */
  seq: number;
  takenAt: number;
  engine: EngineCheckpoint;
}

/** The newest checkpoint as the store holds it: its meta and every live ledger's row. */
export interface StoredCheckpoint {
  seq: number;
  takenAt: number;
  engine: EngineMeta;
  ledgers: LedgerSnapshot[];
}

/** The newest checkpoint as an engine starts from it: each live ledger's row decoded only when asked. */
export interface CheckpointRows extends Omit<StoredCheckpoint, 'ledgers'> {
  ledgers: LedgerRow[];
}

/** The checkpoint with every row decoded. */
export function decodedCheckpoint(rows: CheckpointRows | undefined): StoredCheckpoint | undefined {
  return rows && { ...rows, ledgers: rows.ledgers.map((row) => row.decode()) };
}

/** One entity's state folded from its deliveries through `throughSeq`, which a prune removed. */
export interface StoredFloor {
  entity: EntityRef;
  throughSeq: number;
  ledger: LedgerSnapshot;
}

/** Removes what is no longer needed (written with, and checked against, the newest checkpoint). */
export interface Prune {
  /** Deliveries with seq <= this go (with their entity index rows), dead letters excepted; at most the checkpoint's seq. */
  throughSeq: number;
  /** The floors of the entities named by the pruned deliveries (replacing their old ones). */
  floors: StoredFloor[];
  /** Finished entities that left memory (`takenAt` of their checkpoint) before this go, with their floors. */
  finishedBefore: number;
  /** Dead letters kept: the newest this many. */
  deadLettersKept: number;
}

export interface StoredDeadLetter {
  seq: number;
  status: 'rejected' | 'late';
  reason: string | null;
  outcome: IngestOutcome;
  delivery: LoggedDelivery;
}

/** One transaction's worth of writes, applied in this order. */
export interface WriteBatch {
  deliveries: ReceivedDelivery[];
  outcomes: OutcomeRecord[];
  checkpoint?: Checkpoint;
  prune?: Prune;
}

/** A value now, or later. */
export type Awaitable<T> = T | Promise<T>;

/** A commit under way on another thread. */
export interface PendingCommit {
  /** Resolves (never rejects) once the commit has ended. */
  readonly settled: Promise<void>;
  /** The seqs, as `commit` returns them, or its error (read once `settled` has resolved). */
  result(): number[];
}

export interface StoreCounts {
  deliveries: number;
  deadLetters: number;
  lastSeq: number;
  checkpointSeq: number | null;
  /** Deliveries through this seq were pruned (0: none). */
  prunedThrough: number;
  /** Live ledger rows of the checkpoint. */
  ledgers: number;
  finished: number;
  floors: number;
}

/**
 * Appending: every write is one batch in one transaction (deliveries, their outcomes, and what the
 * policies add: a checkpoint, a prune), so a batch is durable whole or not at all.
 */
export interface LogAppend {
  /**
   * Writes the batch in one transaction and returns the seqs given to `batch.deliveries`, in order.
   * When it returns, the batch is durable; when it throws, none of it was written.
   * Recording an outcome twice (a refold after a restart) replaces the first.
   */
  commit(batch: WriteBatch): Awaitable<number[]>;
  /**
   * Starts the same commit off the caller's thread, where the store can (the event loop keeps
   * serving while the disk syncs). Commits happen in the order they were started.
   */
  beginCommit?(batch: WriteBatch): PendingCommit;
}

/** Reading the log after a position, and hearing that it grew: what the projector follows. */
export interface LogRead {
  /** Up to `limit` deliveries (and operator records) with seq > `after`, in seq order. */
  deliveriesAfter(after: number, limit: number): Awaitable<LoggedDelivery[]>;
  /**
   * A store other receivers append to as well: calls `onHead` with the newest position committed,
   * whenever it may have moved (and now and then regardless). A store only this receiver writes
   * has none: its own commits are all there is.
   */
  watch?(onHead: (seq: number) => void): { close(): Awaitable<void> };
}

/** One entity's history: what a rebuild refolds and a prune plan folds into floors. */
export interface EntityHistoryRead {
  /**
   * The deliveries with seq <= `upTo` whose recorded outcome names the entity, in seq order: its
   * history since its floor (the deliveries before are pruned, and folded into the floor).
   */
  historyOf(entity: EntityRef, upTo: number): Awaitable<LoggedDelivery[]>;
  floorOf(entity: EntityRef): Awaitable<StoredFloor | undefined>;
  /** Deliveries through this seq were pruned (0: none); `counts().prunedThrough` without counting every table. */
  prunedThrough(): Awaitable<number>;
}

/** What an engine starts from: the newest checkpoint, and the entities that left memory. */
export interface CheckpointRead {
  latestCheckpoint(): Awaitable<StoredCheckpoint | undefined>;
  /** The same checkpoint, its rows not decoded (what an engine restarts from: see engine/entityLedgers.ts). */
  latestCheckpointRows(): Awaitable<CheckpointRows | undefined>;
  /** A finished entity's final view (the entity's kind and id: an agent, not a channel). */
  finished(kind: FinishedEntity['kind'], id: string): Awaitable<FinishedEntity | undefined>;
  /** The finished entities whose newest event time is at or after `lastEventTime`, without their views. */
  finishedSince(lastEventTime: number): Awaitable<Tombstone[]>;
}

/** What an operator reads: the dead letters, the tables' counts, whether the store is there. */
export interface StoreInspection {
  /** Up to `limit` dead letters with seq > `after`, in seq order. */
  deadLetters(after: number, limit: number): Awaitable<StoredDeadLetter[]>;
  counts(): Awaitable<StoreCounts>;
  /** Resolves if the store can be reached now; rejects with the reason if not. A store in this
   *  process has none: it is there as long as the process is. */
  ping?(): Promise<void>;
  close(): Awaitable<void>;
}

/** The event store of one backend (memory/, sqlite/, postgres/): every role above. */
export interface Store extends LogAppend, LogRead, EntityHistoryRead, CheckpointRead, StoreInspection {}

export const isDeadLetter = (status: IngestStatus): status is 'rejected' | 'late' => status === 'rejected' || status === 'late';

/** Header names never written to the log: credentials are not part of a delivery's meaning. */
const UNLOGGED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

export function loggableHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  // No prototype: a header named `__proto__` is then just a header.
  const kept: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || UNLOGGED_HEADERS.has(key)) continue;
    kept[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
