// The projector (DESIGN §6): the one owner of the fold order. It follows the log in position order
// (logFollower.ts: our own deliveries from memory as their commits end, others' read from the
// store), folds each delivery into the engine, rebuilds an entity from its history when a late
// event (or a reconcile) lands before its base, and, as each batch starts, asks the policies what
// to write with it: the checkpoint policy for a checkpoint, the prune policy for the prune it
// planned. The committer (groupCommit.ts) writes those rows with the batch and hands each
// committed batch back here. Deterministic in the log's content and order, so a restart (or
// another receiver) folds to the same state.
import type { Engine } from '../engine/engineTypes.js';
import type { IngestOutcome } from '../engine/outcome.js';
import { storePortOf, type StorePort } from '../engine/storePort.js';
import type { EntityRef } from '../events/canonical.js';
import { ReconcileRefusedError } from '../ledger/reconcile.js';
import { asDelivery, entityHistory } from './entityHistory.js';
import { type GroupCommitOptions, GroupCommitter, type PolicyRows } from './groupCommit.js';
import { LogFollower } from './logFollower.js';
import { CheckpointPolicy } from './policies/checkpointPolicy.js';
import { PrunePolicy, type PrunePolicyOptions, pruneRoundSize } from './policies/prunePolicy.js';
import type { ReceivedDelivery, ReconcileRecord, Store } from './store.js';

export interface Receipt {
  seq: number;
  outcome: IngestOutcome;
}

export interface ProjectorOptions extends Omit<PrunePolicyOptions, 'roundSize'> {
  /** A checkpoint is written after this many deliveries folded. */
  checkpointEvery: number;
  /** The engine's retention period (the log is kept at least twice as long). */
  retentionMs: number;
  groupCommit?: GroupCommitOptions;
  /** The clock of checkpoint times. */
  now: () => number;
}

/** A rebuild started and not yet ended: the fold of `seq` is not over until it is. */
interface PendingRebuild {
  seq: number;
  entities: EntityRef[];
  outcome: IngestOutcome;
}

export class Projector {
  readonly committer: GroupCommitter<Receipt>;
  private readonly follower: LogFollower<Receipt>;
  private readonly port: StorePort;
  private readonly checkpoints: CheckpointPolicy;
  private readonly prunes: PrunePolicy;
  /** The newest receive time folded: the clock of the log's retention. */
  private receivedUntil = Number.NEGATIVE_INFINITY;
  /** The engine holds exactly the deliveries through here: what a checkpoint taken now covers. */
  private foldedThrough: number;
  /**
   * Set while a rebuild runs, and kept if it fails: the engine is then between two positions, so no
   * checkpoint is taken, and the next fold of its delivery redoes the rebuild (ingesting it again
   * would find a duplicate and rebuild nothing).
   */
  private rebuild: PendingRebuild | undefined;
  /** Closing: others' heads are no longer followed. */
  private stopped = false;
  /** Entities refolded from their history. */
  rebuilds = 0;

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    /** The position the engine was restored at (its checkpoint's seq, 0 for none). */
    restoredAt: number,
    private readonly options: ProjectorOptions,
  ) {
    this.port = storePortOf(engine);
    this.foldedThrough = restoredAt;
    this.checkpoints = new CheckpointPolicy(options.checkpointEvery);
    this.prunes = new PrunePolicy(store, this.port, options.retentionMs, { ...options, roundSize: pruneRoundSize(options.checkpointEvery) });
    this.committer = new GroupCommitter<Receipt>(store, (batch) => this.follower.committed(batch), options.groupCommit, {
      take: () => this.policyRows(),
      written: (rows) => this.policyRowsWritten(rows),
    });
    this.follower = new LogFollower(store, (seq, delivery) => this.fold(seq, delivery), restoredAt, {
      // A long catch-up (a whole-log refold) writes its outcomes as it goes, not all at the end.
      afterFullPage: () => this.committer.flush(),
    });
  }

  /** The newest position folded. */
  get appliedSeq(): number {
    return this.follower.appliedSeq;
  }

  /** Deliveries committed and waiting to be folded. */
  get waiting(): number {
    return this.follower.waiting;
  }

  /** Folds everything the store holds now (at open); rejects if the store cannot be read. */
  catchUp(): Promise<void> {
    return this.follower.catchUp();
  }

  /**
   * Another receiver's append moved the head: folds up to it. A head heard while a commit of ours
   * is under way is often that commit's own (its NOTIFY outruns its answer): it waits for the
   * commit to be applied, so that our deliveries are folded from memory, not read back.
   */
  followHead(head: number): void {
    const advance = () => {
      if (!this.stopped) void this.follower.advanceTo(head);
    };
    const underWay = this.committer.underWay();
    if (underWay) void underWay.then(advance);
    else advance();
  }

  /** Writes a checkpoint now, with everything pending (none while a failed rebuild waits for its redo). */
  async checkpoint(): Promise<void> {
    await this.committer.flush();
    await this.follower.idle();
    this.askForCheckpoint();
    await this.committer.flush();
  }

  /** Prunes what retention allows now (one round), with a checkpoint before and after it. */
  async prune(): Promise<void> {
    await this.checkpoint();
    await this.prunes.planNow(this.foldedThrough, this.receivedUntil);
    await this.checkpoint();
  }

  /** Stops following others' appends and planning prunes (at close), once the round under way has ended. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.prunes.stop();
  }

  /** Folds one committed delivery, in position order. */
  private fold(seq: number, delivery: ReceivedDelivery): Receipt | Promise<Receipt> {
    if (this.rebuild?.seq === seq) return this.rebuildThen(this.rebuild);
    this.receivedUntil = Math.max(this.receivedUntil, delivery.receivedAt);
    if (delivery.operator) return this.foldReconcile(seq, delivery.operator);
    // The engine is total (a body it cannot read is rejected, never thrown on): whatever is in
    // the log folds again at every restart.
    const outcome = this.engine.ingest(asDelivery(delivery));
    this.committer.record({ seq, outcome });
    const late = outcome.entities.filter((entry) => entry.status === 'late');
    if (late.length > 0) return this.rebuildThen({ seq, entities: late.map((entry) => entry.entity), outcome });
    return this.folded(seq, outcome);
  }

  private foldReconcile(seq: number, { entity, authority, asOf, reason }: ReconcileRecord): Receipt | Promise<Receipt> {
    const outcome: IngestOutcome = { status: 'applied', source: null, reason: `reconcile: ${reason}`, entities: [{ entity, status: 'applied' }] };
    this.committer.record({ seq, outcome });
    try {
      this.engine.reconcile(entity, authority, asOf, reason);
    } catch (error) {
      // Before the base in memory (or the entity left memory): the log holds the events after
      // `asOf`, this record among them.
      if (!(error instanceof ReconcileRefusedError)) throw error;
      return this.rebuildThen({ seq, entities: [entity], outcome });
    }
    return this.folded(seq, outcome);
  }

  /**
   * Refolds the entities from their history in the store (floor, deliveries, reconciles) through
   * `seq`, then answers. The history is read only once every outcome this node recorded through
   * `seq` is durable (the committer's watermark), so that it misses none of ours.
   */
  private async rebuildThen(rebuild: PendingRebuild): Promise<Receipt> {
    this.rebuild = rebuild;
    await this.committer.durableThrough(rebuild.seq);
    for (const entity of rebuild.entities) {
      this.port.rebuildEntity(entity, await entityHistory(this.store, entity, rebuild.seq));
      this.rebuilds++;
    }
    this.rebuild = undefined;
    return this.folded(rebuild.seq, rebuild.outcome);
  }

  private folded(seq: number, outcome: IngestOutcome): Receipt {
    this.foldedThrough = seq;
    if (this.checkpoints.folded()) this.committer.wantPolicyRows();
    return { seq, outcome };
  }

  /** The policies' rows for the batch starting now: none mid-rebuild (they are asked again after it). */
  private policyRows(): PolicyRows | undefined {
    if (this.rebuild || !this.checkpoints.due) return undefined;
    const prune = this.prunes.take();
    const checkpoint = this.checkpoints.take(this.foldedThrough, this.options.now(), this.port);
    return { checkpoint, ...(prune ? { prune } : {}) };
  }

  private policyRowsWritten({ checkpoint }: PolicyRows): void {
    this.port.checkpointWritten(checkpoint.engine);
    void this.prunes.checkpointWritten(checkpoint.seq, this.receivedUntil).then((backlog) => {
      if (backlog) this.askForCheckpoint();
    });
  }

  /** Asks for a checkpoint with the next batch, and for the committer to start one for it. */
  private askForCheckpoint(): void {
    this.checkpoints.ask();
    this.committer.wantPolicyRows();
  }
}
