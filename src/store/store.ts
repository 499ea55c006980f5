// The durable store (DESIGN §6): the delivery log, the dead-letter, the entity index that lets one
// entity be refolded from its history, and engine snapshots. Everything a receiver writes goes
// through `commit`, one transaction per batch, so a batch is durable whole or not at all: that is
// what lets the receiver acknowledge a delivery only once its batch has committed.
import type { EngineSnapshot } from '../engine/createEngine.js';
import type { IngestOutcome, IngestStatus } from '../engine/outcome.js';
import type { EntityRef, SourceId } from '../events/canonical.js';

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

export interface StoredSnapshot {
  /** Every delivery up to and including this seq is folded into the snapshot. */
  seq: number;
  takenAt: number;
  engine: EngineSnapshot;
}

export interface StoredDeadLetter {
  seq: number;
  status: 'rejected' | 'late';
  reason: string | null;
  outcome: IngestOutcome;
  delivery: LoggedDelivery;
}

/** One transaction's worth of writes. */
export interface WriteBatch {
  deliveries: ReceivedDelivery[];
  outcomes: OutcomeRecord[];
  snapshot?: StoredSnapshot;
}

/** A commit under way on another thread. */
export interface PendingCommit {
  /** Resolves (never rejects) once `result` can answer without waiting. */
  readonly settled: Promise<void>;
  /** The seqs, as `commit` returns them, or its error; waits for the commit if it has not ended. */
  result(): number[];
}

export interface StoreCounts {
  deliveries: number;
  deadLetters: number;
  lastSeq: number;
  snapshotSeq: number | null;
}

export interface Store {
  /**
   * Writes the batch in one transaction and returns the seqs given to `batch.deliveries`, in order.
   * When it returns, the batch is durable; when it throws, none of it was written.
   * Recording an outcome twice (a refold after a restart) replaces the first.
   */
  commit(batch: WriteBatch): number[];
  /**
   * Starts the same commit off the caller's thread, where the store can (the event loop keeps
   * serving while the disk syncs). Commits happen in the order they were started.
   */
  beginCommit?(batch: WriteBatch): PendingCommit;
  /** Up to `limit` deliveries with seq > `after`, in seq order. */
  deliveriesAfter(after: number, limit: number): LoggedDelivery[];
  /** The deliveries with seq <= `upTo` whose recorded outcome names the entity, in seq order. */
  historyOf(entity: EntityRef, upTo: number): LoggedDelivery[];
  latestSnapshot(): StoredSnapshot | undefined;
  /** Up to `limit` dead letters with seq > `after`, in seq order. */
  deadLetters(after: number, limit: number): StoredDeadLetter[];
  counts(): StoreCounts;
  close(): void;
}

/** Snapshots kept: the newest and one before it, in case the newest cannot be read back. */
export const SNAPSHOTS_KEPT = 2;

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
