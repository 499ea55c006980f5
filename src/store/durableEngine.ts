// The engine behind a durable log (DESIGN §4.4, §6). A delivery is committed to the store first,
// then folded, then answered: so every delivery a sender was told about is in the log, and the
// views never show a delivery the log could lose. Opening = the newest checkpoint + the log after
// it, folded in seq order, which gives the views the engine had before it stopped (however it
// stopped). A checkpoint writes what changed since the previous one (`checkpoints.ts`).
import { createEngine, type Engine, type EngineOptions } from '../engine/createEngine.js';
import { ENGINE_SNAPSHOT_VERSION } from '../engine/engineTypes.js';
import type { DeadLetterSink } from '../engine/deadLetter.js';
import type { IngestOutcome } from '../engine/outcome.js';
import type { Delivery } from '../sources/delivery.js';
import { type CheckpointWrite, type Committed, GroupCommitter, type GroupCommitOptions } from './groupCommit.js';
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
  /** Deliveries waiting for their transaction. */
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
  /** Resolves once the delivery is committed to the store and folded; rejects if the commit failed. */
  receive(delivery: ReceivedDelivery): Promise<Receipt>;
  /** Commits everything pending now: deliveries waiting for their batch and recorded outcomes
   *  (which otherwise ride with the next batch), so that a read of the store sees them. */
  flush(): void;
  /** Writes a checkpoint now, with everything pending. */
  checkpoint(): void;
  status(): DurableStatus;
  /** Commits what is pending, writes a checkpoint and closes the store. */
  close(): void;
}

/**
 * A checkpoint writes the ledgers that changed since the last one, so its cost follows the
 * deliveries between checkpoints, and a restart refolds at most this many deliveries (~1 s).
 */
export const DEFAULT_CHECKPOINT_EVERY = 20_000;

const REPLAY_PAGE = 1000;
/** The store keeps rejected and late deliveries itself (from their outcomes). */
const STORE_KEEPS_DEAD_LETTERS: DeadLetterSink = { keep: () => undefined };

export function openDurableEngine(options: DurableEngineOptions): DurableEngine {
  const { store } = options;
  const now = options.now ?? Date.now;
  const checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  // A checkpoint written by another version of the engine is not restored (its dedupe fingerprints
  // would turn redeliveries into conflicts): the whole log is refolded instead, and the next
  // checkpoint (a full one) is of this version. Nothing is lost but start-up time.
  const latest = store.latestCheckpoint();
  const saved = latest?.engine.version === ENGINE_SNAPSHOT_VERSION ? latest : undefined;
  const engine = createEngine({
    ...options.engine,
    deadLetters: STORE_KEEPS_DEAD_LETTERS,
    checkpoints: { restored: saved !== undefined },
    ...(saved ? { snapshot: { ...saved.engine, version: ENGINE_SNAPSHOT_VERSION, ledgers: saved.ledgers } } : {}),
  });
  let appliedSeq = saved?.seq ?? 0;
  let sinceSnapshot = 0;
  let rebuilds = 0;
  let closed = false;

  const takeCheckpoint = (): CheckpointWrite => ({ checkpoint: { seq: appliedSeq, takenAt: now(), engine: engine.checkpoint() } });
  const committer = new GroupCommitter<Receipt>(store, (batch) => batch.map(fold), options.groupCommit, (written) =>
    engine.checkpointWritten(written.engine),
  );

  /** Folds one committed delivery. Deterministic in the log's content and order, so a restart agrees. */
  function fold({ seq, delivery }: Committed): Receipt {
    // The engine is total (a body it cannot read is rejected, never thrown on): whatever is in
    // the log folds again at every restart.
    const outcome = engine.ingest({ source: delivery.source ?? 'auto', headers: delivery.headers, body: delivery.body, receivedAt: delivery.receivedAt });
    committer.record({ seq, outcome });
    const late = outcome.entities.filter((entry) => entry.status === 'late');
    if (late.length > 0) {
      // The history query reads the entity index, which the outcomes just recorded complete.
      store.commit({ deliveries: [], outcomes: committer.takeOutcomes() });
      for (const { entity } of late) {
        engine.rebuildEntity(entity, store.historyOf(entity, seq).map(asDelivery));
        rebuilds++;
      }
    }
    appliedSeq = seq;
    if (++sinceSnapshot >= checkpointEvery) {
      sinceSnapshot = 0;
      committer.requestCheckpoint(takeCheckpoint);
    }
    return { seq, outcome };
  }

  let replayedAtOpen = 0;
  for (let page = store.deliveriesAfter(appliedSeq, REPLAY_PAGE); page.length > 0; page = store.deliveriesAfter(appliedSeq, REPLAY_PAGE)) {
    for (const logged of page) fold({ seq: logged.seq, delivery: logged });
    replayedAtOpen += page.length;
    committer.flush();
  }
  if (replayedAtOpen > 0) {
    committer.requestCheckpoint(takeCheckpoint);
    committer.flush();
    sinceSnapshot = 0;
  }

  return {
    engine,
    store,
    receive(delivery) {
      if (closed) return Promise.reject(new Error('the durable engine is closed'));
      return committer.append(delivery);
    },
    flush() {
      if (!closed) committer.flush();
    },
    checkpoint() {
      committer.requestCheckpoint(takeCheckpoint);
      committer.flush();
      sinceSnapshot = 0;
    },
    status: () => ({
      appliedSeq,
      pending: committer.pending,
      commits: committer.totals.commits,
      committedDeliveries: committer.totals.deliveries,
      replayedAtOpen,
      rebuilds,
    }),
    close() {
      if (closed) return;
      closed = true;
      this.checkpoint();
      committer.stop();
      store.close();
    },
  };
}

function asDelivery(logged: LoggedDelivery): Delivery {
  return { source: logged.source ?? 'auto', headers: logged.headers, body: logged.body };
}
