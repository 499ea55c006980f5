// The engine behind a durable log (DESIGN §4.4, §6). A delivery is committed to the store first,
// then folded, then answered: so every delivery a sender was told about is in the log, and the
// views never show a delivery the log could lose. Opening = the newest checkpoint + the log after
// it, folded in seq order, which gives the views the engine had before it stopped (however it
// stopped). A checkpoint writes what changed since the previous one (`checkpoints.ts`).
// Behind a shared store (several receivers, one log) the log is folded whole, others' deliveries
// too, in one order, and a delivery is answered once the log is folded through its position.
import { createEngine, type Engine, type EngineOptions } from '../engine/createEngine.js';
import { ENGINE_SNAPSHOT_VERSION } from '../engine/engineTypes.js';
import type { DeadLetterSink } from '../engine/deadLetter.js';
import type { IngestOutcome } from '../engine/outcome.js';
import type { Delivery } from '../sources/delivery.js';
import { type CheckpointWrite, GroupCommitter, type GroupCommitOptions } from './groupCommit.js';
import { LogFollower } from './logFollower.js';
import type { LoggedDelivery, ReceivedDelivery, Store } from './store.js';

export interface DurableEngineOptions {
  store: Store;
  /** Engine options (horizon, adapters, inspect); snapshot and dead-letter come from the store. */
  engine?: Omit<EngineOptions, 'snapshot' | 'deadLetters' | 'checkpoints'>;
  /** A checkpoint is written after this many deliveries (DEFAULT_CHECKPOINT_EVERY), and at close. */
  checkpointEvery?: number;
  groupCommit?: GroupCommitOptions;
  /** The clock for checkpoint times. */
  now?: () => number;
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
  /** Commits everything pending now: deliveries waiting for their batch and recorded outcomes
   *  (which otherwise ride with the next batch), so that a read of the store sees them. */
  flush(): Promise<void>;
  /** Writes a checkpoint now, with everything pending. */
  checkpoint(): Promise<void>;
  status(): DurableStatus;
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
    ...(saved ? { snapshot: { ...saved.engine, version: ENGINE_SNAPSHOT_VERSION, ledgers: saved.ledgers } } : {}),
  });
  let sinceSnapshot = 0;
  let rebuilds = 0;
  let closed = false;
  /** A late event's entity is being refolded from the store: no checkpoint may be taken mid-way. */
  let rebuilding = false;
  let checkpointDeferred = false;

  const follower: LogFollower<Receipt> = new LogFollower(store, fold, saved?.seq ?? 0, {
    // A long catch-up (a whole-log refold) writes its outcomes as it goes, not all at the end.
    afterFullPage: () => committer.flush(),
  });
  const takeCheckpoint = (): CheckpointWrite | undefined => {
    if (!rebuilding) return { checkpoint: { seq: follower.appliedSeq, takenAt: now(), engine: engine.checkpoint() } };
    checkpointDeferred = true;
    return undefined;
  };
  const committer: GroupCommitter<Receipt> = new GroupCommitter<Receipt>(store, (batch) => follower.committed(batch), options.groupCommit, (written) =>
    engine.checkpointWritten(written.engine),
  );

  /** Folds one committed delivery. Deterministic in the log's content and order, so a restart (or another receiver) agrees. */
  function fold(seq: number, delivery: ReceivedDelivery): Receipt | Promise<Receipt> {
    // The engine is total (a body it cannot read is rejected, never thrown on): whatever is in
    // the log folds again at every restart.
    const outcome = engine.ingest({ source: delivery.source ?? 'auto', headers: delivery.headers, body: delivery.body, receivedAt: delivery.receivedAt });
    committer.record({ seq, outcome });
    const late = outcome.entities.filter((entry) => entry.status === 'late');
    if (late.length > 0) return placeLate(seq, late).then(() => folded(seq, outcome));
    return folded(seq, outcome);
  }

  async function placeLate(seq: number, late: IngestOutcome['entities']): Promise<void> {
    rebuilding = true;
    try {
      // The history query reads the entity index, which the outcomes just recorded complete.
      await store.commit({ deliveries: [], outcomes: committer.takeOutcomes() });
      for (const { entity } of late) {
        engine.rebuildEntity(entity, (await store.historyOf(entity, seq)).map(asDelivery));
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

  const openedAt = follower.appliedSeq;
  await follower.catchUp();
  const replayedAtOpen = follower.appliedSeq - openedAt;
  if (replayedAtOpen > 0) await checkpoint();
  // Others' appends, behind a shared store: fold up to each head it reports.
  const watch = store.watch?.((head) => void follower.advanceTo(head));

  return {
    engine,
    store,
    receive(delivery) {
      if (closed) return Promise.reject(new Error('the durable engine is closed'));
      return committer.append(delivery);
    },
    async flush() {
      if (!closed) await committer.flush();
    },
    checkpoint,
    status: () => ({
      appliedSeq: follower.appliedSeq,
      pending: committer.pending + follower.waiting,
      commits: committer.totals.commits,
      committedDeliveries: committer.totals.deliveries,
      replayedAtOpen,
      rebuilds,
    }),
    async close() {
      if (closed) return;
      closed = true;
      await watch?.close();
      await checkpoint();
      committer.stop();
      await store.close();
    },
  };
}

function asDelivery(logged: LoggedDelivery): Delivery {
  return { source: logged.source ?? 'auto', headers: logged.headers, body: logged.body };
}
