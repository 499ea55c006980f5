// The engine behind a durable log (DESIGN §4.4, §6). A delivery is committed to the store first,
// then folded, then answered: so every delivery a sender was told about is in the log, and the
// views never show a delivery the log could lose. Opening = the newest checkpoint + the log after
// it, folded in seq order, which gives the views the engine had before it stopped (however it
// stopped). A checkpoint writes what changed since the previous one (`checkpoints.ts`).
// Behind a shared store (several receivers, one log) the log is folded whole, others' deliveries
// too, in one order, and a delivery is answered once the log is folded through its position.
import type { EngineMeta } from '../engine/checkpoints.js';
import { createEngine, type Engine, type EngineOptions, enginePeriods } from '../engine/createEngine.js';
import type { Tombstone } from '../engine/finished.js';
import { ENGINE_SNAPSHOT_VERSION } from '../engine/engineTypes.js';
import { storePortOf } from '../engine/storePort.js';
import type { DeadLetterSink } from '../engine/deadLetter.js';
import { type AuthoritativeState, reconciliationOf } from '../engine/entityMachines.js';
import type { IngestOutcome } from '../engine/outcome.js';
import type { EntityRef } from '../events/canonical.js';
import { ReconcileRefusedError } from '../ledger/reconcile.js';
import { asDelivery, entityHistory } from './entityHistory.js';
import { type CheckpointWrite, GroupCommitter, type GroupCommitOptions } from './groupCommit.js';
import { LogFollower } from './logFollower.js';
import { LogRetention } from './logRetention.js';
import type { ReceivedDelivery, ReconcileRecord, Store } from './store.js';

export interface DurableEngineOptions {
  store: Store;
  /** Engine options (horizon, adapters, inspect); snapshot and dead-letter come from the store. */
  engine?: Omit<EngineOptions, 'snapshot' | 'deadLetters' | 'checkpoints'>;
  /** A checkpoint is written after this many deliveries (DEFAULT_CHECKPOINT_EVERY), and at close. */
  checkpointEvery?: number;
  groupCommit?: GroupCommitOptions;
  /** The clock for checkpoint times and operator records (the log's retention runs on the receive times it folds). */
  now?: () => number;
  /** Deliveries received longer ago than this are pruned once a checkpoint covers them (default 7 days; see logRetention.ts). */
  keepLogMs?: number;
  /** Dead letters kept in the store: the newest this many (default 10,000). */
  keepDeadLetters?: number;
}

export interface Receipt {
  seq: number;
  outcome: IngestOutcome;
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

/**
 * A prune round takes up to twice the deliveries between checkpoints (at least 10,000): in a
 * running receiver what became prunable since the last checkpoint fits one round, which rides with
 * the next checkpoint, and only a backlog asks for checkpoints of its own (logRetention.ts).
 */
const pruneRoundSize = (checkpointEvery: number) => Math.max(10_000, 2 * checkpointEvery);

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

export async function openDurableEngine(options: DurableEngineOptions): Promise<DurableEngine> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  // A checkpoint written by another version of the engine is not restored (its dedupe fingerprints
  // would turn redeliveries into conflicts): the whole log is refolded instead, and the next
  // checkpoint (a full one) is of this version. Nothing is lost but start-up time.
  const latest = await store.latestCheckpoint();
  const saved = latest?.engine.version === ENGINE_SNAPSHOT_VERSION ? latest : undefined;
  const engine = createEngine({
    ...options.engine,
    deadLetters: STORE_KEEPS_DEAD_LETTERS,
    checkpoints: { restored: saved !== undefined },
    ...(saved
      ? { snapshot: { ...saved.engine, version: ENGINE_SNAPSHOT_VERSION, ledgers: saved.ledgers, tombstones: await tombstonesOf(store, saved.engine, options.engine) } }
      : {}),
  });
  const port = storePortOf(engine);
  let sinceSnapshot = 0;
  /** The newest receive time folded: the clock of the log's retention. */
  let receivedUntil = Number.NEGATIVE_INFINITY;
  let rebuilds = 0;
  let closed = false;
  /** A late event's entity is being refolded from the store: no checkpoint may be taken mid-way. */
  let rebuilding = false;
  /** A rebuild that failed (the store could not be written or read): the next fold of its delivery redoes it. */
  let unfinished: { seq: number; entities: EntityRef[]; outcome: IngestOutcome } | undefined;
  let checkpointDeferred = false;

  const follower: LogFollower<Receipt> = new LogFollower(store, fold, saved?.seq ?? 0, {
    // A long catch-up (a whole-log refold) writes its outcomes as it goes, not all at the end.
    afterFullPage: () => committer.flush(),
  });
  const takeCheckpoint = (): CheckpointWrite | undefined => {
    if (!rebuilding) {
      const prune = logRetention.take();
      return { checkpoint: { seq: follower.appliedSeq, takenAt: now(), engine: port.checkpoint() }, ...(prune ? { prune } : {}) };
    }
    checkpointDeferred = true;
    return undefined;
  };
  const logRetention = new LogRetention(store, port, enginePeriods(options.engine ?? {}).retentionMs, () => receivedUntil, () => committer.requestCheckpoint(takeCheckpoint), {
    ...options,
    roundSize: pruneRoundSize(checkpointEvery),
  });
  const committer: GroupCommitter<Receipt> = new GroupCommitter<Receipt>(store, (batch) => follower.committed(batch), options.groupCommit, (written) => {
    port.checkpointWritten(written.engine);
    logRetention.checkpointWritten(written.seq);
  });

  /** Folds one committed delivery. Deterministic in the log's content and order, so a restart (or another receiver) agrees. */
  function fold(seq: number, delivery: ReceivedDelivery): Receipt | Promise<Receipt> {
    // Folded already, its rebuild not: ingesting it again would find a duplicate and rebuild nothing.
    if (unfinished?.seq === seq) return refoldThen(seq, unfinished.entities, unfinished.outcome);
    receivedUntil = Math.max(receivedUntil, delivery.receivedAt);
    if (delivery.operator) return applyReconcile(seq, delivery.operator);
    // The engine is total (a body it cannot read is rejected, never thrown on): whatever is in
    // the log folds again at every restart.
    const outcome = engine.ingest(asDelivery(delivery));
    committer.record({ seq, outcome });
    const late = outcome.entities.filter((entry) => entry.status === 'late');
    if (late.length > 0) return refoldThen(seq, late.map((entry) => entry.entity), outcome);
    return folded(seq, outcome);
  }

  function applyReconcile(seq: number, { entity, authority, asOf, reason }: ReconcileRecord): Receipt | Promise<Receipt> {
    const outcome: IngestOutcome = { status: 'applied', source: null, reason: `reconcile: ${reason}`, entities: [{ entity, status: 'applied' }] };
    committer.record({ seq, outcome });
    try {
      engine.reconcile(entity, authority, asOf, reason);
    } catch (error) {
      // Before the base in memory (or the entity left memory): the log holds the events after
      // `asOf`, this record among them.
      if (!(error instanceof ReconcileRefusedError)) throw error;
      return refoldThen(seq, [entity], outcome);
    }
    return folded(seq, outcome);
  }

  /** Refolds the entities, then answers; if that fails, the next fold of `seq` tries again. */
  async function refoldThen(seq: number, entities: EntityRef[], outcome: IngestOutcome): Promise<Receipt> {
    unfinished = { seq, entities, outcome };
    await refold(seq, entities);
    unfinished = undefined;
    return folded(seq, outcome);
  }

  /** Refolds entities from their history in the store (floor, deliveries, reconciles), through `seq`. */
  async function refold(seq: number, entities: EntityRef[]): Promise<void> {
    rebuilding = true;
    try {
      // The history query reads the entity index, which the outcomes this receiver recorded
      // complete: every one through `seq` must be committed first, those of a commit under way too.
      await committer.durableThrough(seq);
      for (const entity of entities) {
        port.rebuildEntity(entity, await entityHistory(store, entity, seq));
        rebuilds++;
      }
    } finally {
      rebuilding = false;
    }
  }

  function folded(seq: number, outcome: IngestOutcome): Receipt {
    if (++sinceSnapshot >= checkpointEvery || checkpointDeferred) {
      sinceSnapshot = 0;
      checkpointDeferred = false;
      committer.requestCheckpoint(takeCheckpoint);
    }
    return { seq, outcome };
  }

  async function checkpoint(): Promise<void> {
    await committer.flush();
    await follower.idle();
    committer.requestCheckpoint(takeCheckpoint);
    await committer.flush();
    sinceSnapshot = 0;
  }

  function receive(delivery: ReceivedDelivery): Promise<Receipt> {
    if (closed) return Promise.reject(new Error('the durable engine is closed'));
    return committer.append(delivery);
  }

  const openedAt = follower.appliedSeq;
  await follower.catchUp();
  const replayedAtOpen = follower.appliedSeq - openedAt;
  if (replayedAtOpen > 0) await checkpoint();
  // Others' appends, behind a shared store: fold up to each head it reports. A head heard while a
  // commit of ours is under way is often that commit's own (its NOTIFY outruns its answer): it
  // waits for the commit to be applied, so that our deliveries are folded from memory instead of
  // read back from the store.
  const advanceTo = (head: number) => {
    if (!closed) void follower.advanceTo(head);
  };
  const watch = store.watch?.((head) => {
    const underWay = committer.underWay();
    if (underWay) void underWay.then(() => advanceTo(head));
    else advanceTo(head);
  });

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
    checkpoint,
    async prune() {
      await checkpoint();
      await logRetention.planNow(follower.appliedSeq);
      await checkpoint();
    },
    status: () => ({
      appliedSeq: follower.appliedSeq,
      pending: committer.pending + follower.waiting,
      commits: committer.totals.commits,
      committedDeliveries: committer.totals.deliveries,
      replayedAtOpen,
      rebuilds,
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
      await logRetention.stop();
      await checkpoint();
      committer.stop();
      await store.close();
    },
  };
}
