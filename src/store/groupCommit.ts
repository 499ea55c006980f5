// Group commit: deliveries that arrive while a commit is pending share one transaction (one fsync),
// and no caller hears back before the transaction holding its delivery has committed. Outcomes are
// written once they have waited `outcomeDelayMs`, with the transaction going then or alone: one
// write covers many, where each written with its own batch dirtied index pages of its own (the
// entity index is ordered by entity, not by time). What the policies add (a checkpoint, a prune)
// rides with the next transaction once asked for: the committer asks the projector for those rows
// as that transaction starts, and takes every outcome with them (a checkpoint covers their
// deliveries, which a restart then does not refold).
// With a store that commits off the event loop (`beginCommit`, or a `commit` that answers later),
// one commit is under way at a time and the deliveries that arrive meanwhile form the next batch.
import type { Awaitable, Checkpoint, LogAppend, OutcomeRecord, PendingCommit, Prune, ReceivedDelivery, WriteBatch } from './store.js';

export interface GroupCommitOptions {
  /** Most deliveries in one transaction. */
  maxBatch?: number;
  /** How long recorded outcomes wait before they are written (default 100 ms). */
  outcomeDelayMs?: number;
}

/** What the policies write with a batch: a checkpoint, and what it lets the store prune. */
export interface PolicyRows {
  checkpoint: Checkpoint;
  prune?: Prune;
}

/** Where the committer gets the policies' rows, and tells that they were written. */
export interface BatchPolicies {
  /** The rows to write with the transaction starting now; none if they cannot be taken now. */
  take(): PolicyRows | undefined;
  /** The transaction that carried `rows` committed. */
  written(rows: PolicyRows): void;
}

const NO_POLICIES: BatchPolicies = { take: () => undefined, written: () => undefined };

export interface Committed {
  seq: number;
  delivery: ReceivedDelivery;
}

/**
 * `apply` is called synchronously right after each commit, with the batch's deliveries in seq
 * order, and returns one result per delivery: this is where the engine folds them, so the
 * engine's order is the log's order.
 */
export type ApplyCommitted<R> = (committed: Committed[]) => (R | PromiseLike<R>)[];

interface Waiting<R> {
  delivery: ReceivedDelivery;
  resolve: (result: R | PromiseLike<R>) => void;
  reject: (error: Error) => void;
}

/** A transaction started and not yet applied. */
interface InFlight<R> {
  batch: Waiting<R>[];
  outcomes: OutcomeRecord[];
  rows?: PolicyRows;
  commit: PendingCommit;
}

export class GroupCommitter<R> {
  private waiting: Waiting<R>[] = [];
  private outcomes: OutcomeRecord[] = [];
  /** The policies asked for their rows: the next transaction takes them. */
  private rowsWanted = false;
  /** The commit started and not yet applied. */
  private inFlight: InFlight<R> | undefined;
  private scheduled: NodeJS.Immediate | undefined;
  private outcomeTimer: NodeJS.Timeout | undefined;
  /** The outcomes (or the policies' rows) have waited their delay: the next transaction takes them. */
  private outcomesDue = false;
  private readonly maxBatch: number;
  private readonly outcomeDelayMs: number;
  private readonly begin: (batch: WriteBatch) => PendingCommit;
  /** Transactions committed and deliveries in them, for metrics. */
  readonly totals = { commits: 0, deliveries: 0 };

  constructor(
    store: LogAppend,
    private readonly apply: ApplyCommitted<R>,
    options: GroupCommitOptions = {},
    private readonly policies: BatchPolicies = NO_POLICIES,
  ) {
    this.maxBatch = options.maxBatch ?? 512;
    this.outcomeDelayMs = options.outcomeDelayMs ?? 100;
    this.begin = store.beginCommit?.bind(store) ?? ((batch) => pending(store.commit(batch)));
  }

  /** Resolves once the delivery is committed and applied; rejects if its transaction failed. */
  append(delivery: ReceivedDelivery): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ delivery, resolve, reject });
      // setImmediate runs after the I/O callbacks of this loop turn: every request read in the
      // same turn joins the batch.
      this.scheduled ??= setImmediate(() => {
        this.scheduled = undefined;
        this.kick();
      });
    });
  }

  /** Queues an outcome for the next transaction. */
  record(outcome: OutcomeRecord): void {
    this.outcomes.push(outcome);
    this.scheduleOutcomes();
  }

  /** Asks for the policies' rows to be taken and written with the next transaction. */
  wantPolicyRows(): void {
    this.rowsWanted = true;
    this.scheduleOutcomes();
  }

  /** Commits everything pending now, after the commit under way, and applies each batch in turn. */
  async flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    for (;;) {
      let commit = this.inFlight;
      if (!commit) {
        if (this.waiting.length === 0 && this.outcomes.length === 0 && !this.rowsWanted) return;
        commit = this.inFlight = this.start(true);
      }
      await commit.commit.settled;
      // Unless the commit's own ending (kick) has applied it already.
      if (this.inFlight === commit) {
        this.inFlight = undefined;
        this.finish(commit);
      }
    }
  }

  /**
   * Resolves once every outcome recorded for a seq at or below `seq` is committed (a query of the
   * entity index then sees them): those queued go with the next commit, which starts now unless
   * one is under way; those under way are waited for. Rejects if a commit that held one of them
   * failed: they are queued again, and the caller may ask again. It waits for at most the commit
   * under way and the next, however busy the receiver.
   */
  async durableThrough(seq: number): Promise<void> {
    const reaches = (outcomes: readonly OutcomeRecord[]) => outcomes.some((outcome) => outcome.seq <= seq);
    for (;;) {
      const commit = this.inFlight;
      const queued = reaches(this.outcomes);
      const underWay = commit !== undefined && reaches(commit.outcomes);
      if (!queued && !underWay) return;
      // The next commit takes the queued outcomes, due or not.
      if (queued) this.outcomesDue = true;
      if (!commit) {
        this.kick();
        continue;
      }
      await commit.commit.settled;
      // Unless the commit's own ending (kick) has applied it, and started the next, already.
      if (this.inFlight === commit) {
        this.inFlight = undefined;
        this.finish(commit);
        this.kick();
      }
      const error = underWay ? failureOf(commit.commit) : undefined;
      if (error) throw error;
    }
  }

  /** Stops the timers (at close, after a last flush). */
  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.outcomeTimer) clearTimeout(this.outcomeTimer);
    this.scheduled = undefined;
    this.outcomeTimer = undefined;
  }

  /**
   * Settles once the commit under way, if any, has ended and its batch has been applied: the
   * callback that applies it was registered when it started, so it runs before any added now.
   */
  underWay(): Promise<void> | undefined {
    return this.inFlight?.commit.settled;
  }

  /** Deliveries waiting for a commit. */
  get pending(): number {
    return this.waiting.length + (this.inFlight?.batch.length ?? 0);
  }

  /** Starts a commit of what is waiting, unless one is under way (its end starts the next). */
  private kick(): void {
    if (this.inFlight || (this.waiting.length === 0 && !this.outcomesDue)) return;
    const started = this.start();
    this.inFlight = started;
    void started.commit.settled.then(() => {
      if (this.inFlight !== started) return; // a flush finished it already
      this.inFlight = undefined;
      // The next batch goes to the disk while this one is applied.
      if (this.waiting.length > 0) this.kick();
      this.finish(started);
      if (this.waiting.length > 0 || this.outcomesDue) this.kick();
    });
  }

  /** `everything`: the outcomes too, due or not. */
  private start(everything = false): InFlight<R> {
    const batch = this.waiting.splice(0, this.maxBatch);
    // A checkpoint covers exactly the deliveries folded so far; any committed and not yet folded
    // come after it.
    const rows = this.rowsWanted ? this.policies.take() : undefined;
    this.rowsWanted = false;
    const withOutcomes = everything || this.outcomesDue || rows !== undefined;
    const outcomes = withOutcomes ? this.outcomes.splice(0) : [];
    if (withOutcomes) {
      if (this.outcomeTimer) clearTimeout(this.outcomeTimer);
      this.outcomeTimer = undefined;
      this.outcomesDue = false;
    }
    let commit: PendingCommit;
    try {
      commit = this.begin({ deliveries: batch.map((entry) => entry.delivery), outcomes, ...rows });
    } catch (error) {
      commit = pending(error as Error);
    }
    return { batch, outcomes, ...(rows ? { rows } : {}), commit };
  }

  /** Applies the batch of a commit that has ended, and answers it. */
  private finish({ batch, outcomes, rows, commit }: InFlight<R>): void {
    let seqs: number[];
    try {
      seqs = commit.result();
    } catch (error) {
      // Nothing of the batch was written: its senders get an error (the vendor retries) and
      // the outcomes stay queued for the next attempt.
      this.outcomes.unshift(...outcomes);
      this.scheduleOutcomes();
      for (const entry of batch) entry.reject(error as Error);
      return;
    }
    this.totals.commits++;
    this.totals.deliveries += batch.length;
    if (rows) this.policies.written(rows);
    if (batch.length === 0) return;
    let results: (R | PromiseLike<R>)[];
    try {
      results = this.apply(batch.map((entry, index) => ({ seq: seqs[index]!, delivery: entry.delivery })));
    } catch (error) {
      // A bug in applying: the deliveries are logged (a restart folds them), their senders
      // get an error and retry, which the engine then sees as duplicates.
      for (const entry of batch) entry.reject(error as Error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]!));
  }

  private scheduleOutcomes(): void {
    if (this.outcomes.length === 0 && !this.rowsWanted) return;
    this.outcomeTimer ??= setTimeout(() => {
      this.outcomeTimer = undefined;
      this.outcomesDue = this.outcomes.length > 0 || this.rowsWanted;
      this.kick();
    }, this.outcomeDelayMs);
  }
}

function failureOf(commit: PendingCommit): Error | undefined {
  try {
    commit.result();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** A commit that has ended (seqs, or the error it threw) or will (a promise of seqs). */
function pending(outcome: Awaitable<number[]> | Error): PendingCommit {
  let ended: number[] | Error | undefined = outcome instanceof Promise ? undefined : outcome;
  const settled =
    outcome instanceof Promise
      ? outcome.then(
          (seqs) => void (ended = seqs),
          (error: unknown) => void (ended = error as Error),
        )
      : Promise.resolve();
  return {
    settled,
    result: () => {
      if (ended === undefined) throw new Error('the commit has not ended');
      if (ended instanceof Error) throw ended;
      return ended;
    },
  };
}
