// Group commit: deliveries that arrive while a commit is pending share one transaction (one fsync),
// and no caller hears back before the transaction holding its delivery has committed. Outcomes and
// snapshots ride along with the next transaction; outcomes alone are written after a short delay.
import type { OutcomeRecord, ReceivedDelivery, Store, StoredSnapshot } from './store.js';

export interface GroupCommitOptions {
  /** Most deliveries in one transaction. */
  maxBatch?: number;
  /** How long recorded outcomes may wait for a delivery to share a transaction with. */
  outcomeDelayMs?: number;
}

export interface Committed {
  seq: number;
  delivery: ReceivedDelivery;
}

/**
 * `apply` is called synchronously right after each commit, with the batch's deliveries in seq
 * order, and returns one result per delivery: this is where the engine folds them, so the
 * engine's order is the log's order.
 */
export type ApplyCommitted<R> = (committed: Committed[]) => R[];

interface Waiting<R> {
  delivery: ReceivedDelivery;
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

export class GroupCommitter<R> {
  private waiting: Waiting<R>[] = [];
  private outcomes: OutcomeRecord[] = [];
  private snapshot: (() => StoredSnapshot | undefined) | undefined;
  private scheduled: NodeJS.Immediate | undefined;
  private outcomeTimer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly outcomeDelayMs: number;
  /** Transactions committed and deliveries in them, for metrics. */
  readonly totals = { commits: 0, deliveries: 0 };

  constructor(
    private readonly store: Store,
    private readonly apply: ApplyCommitted<R>,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 512;
    this.outcomeDelayMs = options.outcomeDelayMs ?? 20;
  }

  /** Resolves once the delivery is committed and applied; rejects if its transaction failed. */
  append(delivery: ReceivedDelivery): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ delivery, resolve, reject });
      // setImmediate runs after the I/O callbacks of this loop turn: every request read in the
      // same turn joins the batch.
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Queues an outcome for the next transaction. */
  record(outcome: OutcomeRecord): void {
    this.outcomes.push(outcome);
    this.outcomeTimer ??= setTimeout(() => this.flush(), this.outcomeDelayMs);
  }

  /** Asks for a snapshot to be taken and written with the next transaction. */
  requestSnapshot(take: () => StoredSnapshot | undefined): void {
    this.snapshot = take;
    this.outcomeTimer ??= setTimeout(() => this.flush(), this.outcomeDelayMs);
  }

  /** Commits everything pending now (synchronously), then applies and answers the deliveries. */
  flush(): void {
    this.clearTimers();
    do {
      const batch = this.waiting.splice(0, this.maxBatch);
      const outcomes = this.outcomes.splice(0);
      // Taken before the batch is applied: it covers exactly the deliveries applied so far.
      const snapshot = this.snapshot?.();
      this.snapshot = undefined;
      let seqs: number[];
      try {
        seqs = this.store.commit({ deliveries: batch.map((entry) => entry.delivery), outcomes, ...(snapshot ? { snapshot } : {}) });
      } catch (error) {
        // Nothing of the batch was written: its senders get an error (the vendor retries) and
        // the outcomes stay queued for the next attempt.
        this.outcomes.unshift(...outcomes);
        for (const entry of batch) entry.reject(error as Error);
        continue;
      }
      this.totals.commits++;
      this.totals.deliveries += batch.length;
      if (batch.length === 0) continue;
      let results: R[];
      try {
        results = this.apply(batch.map((entry, index) => ({ seq: seqs[index]!, delivery: entry.delivery })));
      } catch (error) {
        // A bug in applying: the deliveries are logged (a restart folds them), their senders
        // get an error and retry, which the engine then sees as duplicates.
        for (const entry of batch) entry.reject(error as Error);
        continue;
      }
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } while (this.waiting.length > 0);
    if (this.outcomes.length > 0 || this.snapshot) this.outcomeTimer ??= setTimeout(() => this.flush(), this.outcomeDelayMs);
  }

  /** Hands over the queued outcomes, for a caller that must commit them now (before a query). */
  takeOutcomes(): OutcomeRecord[] {
    return this.outcomes.splice(0);
  }

  /** Stops the timers (at close, after a last flush). */
  stop(): void {
    this.clearTimers();
  }

  /** Deliveries waiting for a commit. */
  get pending(): number {
    return this.waiting.length;
  }

  private clearTimers(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.outcomeTimer) clearTimeout(this.outcomeTimer);
    this.scheduled = undefined;
    this.outcomeTimer = undefined;
  }
}
