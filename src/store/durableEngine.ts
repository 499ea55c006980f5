// The durable engine (DESIGN §4.4, §6): the public face of the durable path, which wires an event
// store (memory/, sqlite/, postgres/), the projector that folds its log (projector.ts) and the
// committer that writes each batch (groupCommit.ts). A delivery is committed to the store first,
// then folded, then answered: so every delivery a sender was told about is in the log, and the
// views never show a delivery the log could lose. Opening = the newest checkpoint + the log after
// it, folded in seq order, which gives the views the engine had before it stopped (however it
// stopped). Behind a shared store (several receivers, one log) the log is folded whole, others'
// deliveries too, in one order, and a delivery is answered once the log is folded through its
// position.
import type { EngineMeta } from '../engine/checkpoints.js';
import { createEngine, type Engine, type EngineOptions, enginePeriods } from '../engine/createEngine.js';
import type { DeadLetterSink } from '../engine/deadLetter.js';
import { ENGINE_SNAPSHOT_VERSION } from '../engine/engineTypes.js';
import { type AuthoritativeState, reconciliationOf } from '../engine/entityMachines.js';
import type { Tombstone } from '../engine/finished.js';
import type { EntityRef } from '../events/canonical.js';
import type { GroupCommitOptions } from './groupCommit.js';
import { Projector, type Receipt } from './projector.js';
import type { ReceivedDelivery, ReconcileRecord, Store } from './store.js';

export type { Receipt } from './projector.js';

export interface DurableEngineOptions {
  store: Store;
  /** Engine options (horizon, adapters, inspect); snapshot and dead-letter come from the store. */
  engine?: Omit<EngineOptions, 'snapshot' | 'deadLetters' | 'checkpoints'>;
  /** A checkpoint is written after this many deliveries (DEFAULT_CHECKPOINT_EVERY), and at close. */
  checkpointEvery?: number;
  groupCommit?: GroupCommitOptions;
  /** The clock for checkpoint times and operator records (the log's retention runs on the receive times it folds). */
  now?: () => number;
  /** Deliveries received longer ago than this are pruned once a checkpoint covers them (default 7 days; see policies/prunePolicy.ts). */
  keepLogMs?: number;
  /** Dead letters kept in the store: the newest this many (default 10,000). */
  keepDeadLetters?: number;
}

export interface DurableStatus {
  /** The newest seq folded into the engine. */
  appliedSeq: number;
  /** Deliveries waiting for their transaction, or committed and waiting to be folded. */
  pending: number;
  commits: number;
  committedDeliveries: number;
  /** Deliveries refolded from the log when the engine was opened. */
  replayedAtOpen: number;
  /** Entities refolded from their history to place an event older than their base. */
  rebuilds: number;
}

export interface DurableEngine {
  /** The read side: views, subscribe, stats. Ingest through `receive`, never `engine.ingest`. */
  readonly engine: Engine;
  readonly store: Store;
  /** Resolves once the delivery is committed to the store and the log folded through it; rejects
   *  if the commit failed (or, behind a shared store, the log before it could not be read). */
  receive(delivery: ReceivedDelivery): Promise<Receipt>;
  /**
   * Logs an operator's reconcile (DESIGN §4.10) and folds it like a delivery: placed at `asOf`
   * among the entity's events, replayed at every restart and in every refold of the entity. When
   * `asOf` lies before what the engine holds in memory, the entity is refolded from its log, so
   * events after `asOf` are refolded on top even if they were compacted. Rejects bad input
   * (nothing is logged) and a failed commit.
   */
  reconcile(entity: EntityRef, authority: AuthoritativeState, asOf: number, reason: string): Promise<Receipt>;
  /** Commits everything pending now: deliveries waiting for their batch and recorded outcomes
   *  (which otherwise ride with the next batch), so that a read of the store sees them. */
  flush(): Promise<void>;
  /** Writes a checkpoint now, with everything pending. */
  checkpoint(): Promise<void>;
  /**
   * Prunes the log now, as far as its retention allows (one round: at most twice `checkpointEvery`
   * deliveries, and at least 10,000), instead of after the next checkpoints; resolves once the
   * prune is committed.
   */
  prune(): Promise<void>;
  status(): DurableStatus;
  /** Whether the store can be reached now (a shared store over the network); the reason if not. */
  health(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Commits what is pending, writes a checkpoint and closes the store. */
  close(): Promise<void>;
}

/**
 * A checkpoint writes the ledgers that changed since the last one, so its cost follows the
 * deliveries between checkpoints, and a restart refolds at most this many deliveries (~1 s).
 */
export const DEFAULT_CHECKPOINT_EVERY = 20_000;

/** The store keeps rejected and late deliveries itself (from their outcomes). */
const STORE_KEEPS_DEAD_LETTERS: DeadLetterSink = { keep: () => undefined };

/**
 * The entities that left memory recently enough for the engine to remember them (two retention
 * periods before its sources' clocks): the store keeps them, the checkpoint does not repeat them.
 */
async function tombstonesOf(store: Store, meta: EngineMeta, options: DurableEngineOptions['engine'] = {}): Promise<Tombstone[]> {
  const watermarks = Object.values(meta.clocks).flatMap((clock) => (typeof clock?.watermark === 'number' ? [clock.watermark] : []));
  if (watermarks.length === 0) return [];
  return store.finishedSince(Math.min(...watermarks) - 2 * enginePeriods(options).retentionMs);
}

/** The engine restored from the newest checkpoint the store holds (if this version wrote it), and that checkpoint's seq. */
async function restoreEngine(options: DurableEngineOptions): Promise<{ engine: Engine; restoredAt: number }> {
  const { store } = options;
  // A checkpoint written by another version of the engine is not restored (its dedupe fingerprints
  // would turn redeliveries into conflicts): the whole log is refolded instead, and the next
  // checkpoint (a full one) is of this version. Nothing is lost but start-up time.
  // Its ledger rows are read into ledgers as they are first touched, not here (a restart reads the
  // rows, not every ledger they hold).
  const latest = await store.latestCheckpointRows();
  const saved = latest?.engine.version === ENGINE_SNAPSHOT_VERSION ? latest : undefined;
  const engine = createEngine({
    ...options.engine,
    deadLetters: STORE_KEEPS_DEAD_LETTERS,
    checkpoints: { restored: saved !== undefined, ...(saved ? { rows: saved.ledgers } : {}) },
    ...(saved
      ? { snapshot: { ...saved.engine, version: ENGINE_SNAPSHOT_VERSION, ledgers: [], tombstones: await tombstonesOf(store, saved.engine, options.engine) } }
      : {}),
  });
  return { engine, restoredAt: saved?.seq ?? 0 };
}

export async function openDurableEngine(options: DurableEngineOptions): Promise<DurableEngine> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const { engine, restoredAt } = await restoreEngine(options);
  const projector = new Projector(store, engine, restoredAt, {
    checkpointEvery: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    retentionMs: enginePeriods(options.engine ?? {}).retentionMs,
    now,
    ...(options.groupCommit ? { groupCommit: options.groupCommit } : {}),
    ...(options.keepLogMs !== undefined ? { keepLogMs: options.keepLogMs } : {}),
    ...(options.keepDeadLetters !== undefined ? { keepDeadLetters: options.keepDeadLetters } : {}),
  });
  const { committer } = projector;
  let closed = false;

  function receive(delivery: ReceivedDelivery): Promise<Receipt> {
    if (closed) return Promise.reject(new Error('the durable engine is closed'));
    return committer.append(delivery);
  }

  await projector.catchUp();
  const replayedAtOpen = projector.appliedSeq - restoredAt;
  if (replayedAtOpen > 0) await projector.checkpoint();
  // Others' appends, behind a shared store: fold up to each head it reports.
  const watch = store.watch?.((head) => projector.followHead(head));

  return {
    engine,
    store,
    receive,
    reconcile(entity, authority, asOf, reason) {
      try {
        // Checked before it is logged: a record the engine refuses would be refused at every restart.
        reconciliationOf(entity, { authority, asOf, reason });
        if (typeof reason !== 'string') throw new Error('reconcile: the reason must be text');
      } catch (error) {
        return Promise.reject(error as Error);
      }
      const operator: ReconcileRecord = { kind: 'reconcile', entity: { kind: entity.kind, id: entity.id }, authority, asOf, reason };
      return receive({ source: null, headers: {}, body: new Uint8Array(0), receivedAt: now(), operator });
    },
    async flush() {
      if (!closed) await committer.flush();
    },
    checkpoint: () => projector.checkpoint(),
    prune: () => projector.prune(),
    status: () => ({
      appliedSeq: projector.appliedSeq,
      pending: committer.pending + projector.waiting,
      commits: committer.totals.commits,
      committedDeliveries: committer.totals.deliveries,
      replayedAtOpen,
      rebuilds: projector.rebuilds,
    }),
    async health() {
      try {
        await store.ping?.();
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: (error as Error).message };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await watch?.close();
      await projector.stop();
      await projector.checkpoint();
      committer.stop();
      await store.close();
    },
  };
}
