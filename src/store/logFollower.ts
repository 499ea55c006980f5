// Folds the delivery log in position order, one delivery after another, whoever appended it: this
// receiver's own deliveries as their commits end (from memory), any other receiver's read from the
// store (a shared store: several receivers append to one log). Each of our deliveries is answered
// once the log is folded through its own position, so its outcome is the one every receiver that
// folds the same log computes (DESIGN §6). With a store only this receiver writes, our commits
// follow each other without a gap and nothing is ever read back.
import type { Awaitable, LogRead, ReceivedDelivery } from './store.js';

export interface Positioned {
  seq: number;
  delivery: ReceivedDelivery;
}

/** Folds one delivery; called in position order, never while another call has not ended. */
export type FoldOne<R> = (seq: number, delivery: ReceivedDelivery) => Awaitable<R>;

interface Waiting<R> {
  delivery: ReceivedDelivery;
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

export interface LogFollowerOptions {
  /** Deliveries read from the store at a time (default 1000). */
  pageSize?: number;
  /** Results kept of deliveries read from the store, for commits of ours that end after them (default 10,000). */
  recentResults?: number;
  /** Called after each full page read from the store is folded (a long catch-up writes as it goes). */
  afterFullPage?: () => Awaitable<void>;
}

export class LogFollower<R> {
  /** Our committed deliveries not yet folded, by position. */
  private readonly own = new Map<number, Waiting<R>>();
  /** Fold at least up to here: our newest commit, or another receiver's newest append. */
  private target: number;
  /** Fold whatever the store has, however far (at open, and when asked to catch up). */
  private catchingUp = false;
  private running: Promise<void> | undefined;
  private readonly pageSize: number;
  /**
   * Results of the deliveries last folded from the store, by position. Another receiver's head
   * (or our own notification) can arrive before our commit's answer does: then our delivery is
   * read back and folded as anyone's, and its commit, when it ends, finds the result here.
   */
  private readonly recent = new Map<number, R>();
  private readonly recentResults: number;

  constructor(
    private readonly store: Pick<LogRead, 'deliveriesAfter'>,
    private readonly fold: FoldOne<R>,
    /** The newest position folded (the snapshot's, at open). */
    public appliedSeq: number,
    private readonly options: LogFollowerOptions = {},
  ) {
    this.target = appliedSeq;
    this.pageSize = options.pageSize ?? 1000;
    this.recentResults = options.recentResults ?? 10_000;
  }

  /** Our deliveries, just committed: each result comes once the log is folded through it. */
  committed(batch: readonly Positioned[]): Promise<R>[] {
    const results = batch.map(({ seq, delivery }) => {
      if (seq > this.appliedSeq) return new Promise<R>((resolve, reject) => this.own.set(seq, { delivery, resolve, reject }));
      const folded = this.recent.get(seq);
      this.recent.delete(seq);
      return folded !== undefined ? Promise.resolve(folded) : Promise.reject(new Error(`delivery ${seq} was folded too long before its commit was answered`));
    });
    const last = batch.at(-1);
    if (last) void this.advanceTo(last.seq);
    return results;
  }

  /** The log is committed up to `head` (another receiver's append): fold up to it. */
  advanceTo(head: number): Promise<void> {
    if (head > this.target) this.target = head;
    return this.run();
  }

  /** Folds everything the store holds now; rejects if the store cannot be read. */
  async catchUp(): Promise<void> {
    this.catchingUp = true;
    while (this.catchingUp) {
      await this.run();
      if (this.catchingUp && this.failure) throw this.failure;
    }
  }

  /** Resolves once nothing is being folded. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Deliveries of ours committed and waiting to be folded. */
  get waiting(): number {
    return this.own.size;
  }

  private failure: Error | undefined;

  private run(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      // Work that came in while the last fold was ending; not after a failure (the next
      // commit, head or catch-up tries again, instead of spinning while the store is away).
      if (!this.failure && (this.appliedSeq < this.target || this.catchingUp)) void this.run();
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    this.failure = undefined;
    try {
      while (this.appliedSeq < this.target || this.catchingUp) {
        const mine = this.own.get(this.appliedSeq + 1);
        if (mine) {
          await this.foldNext(mine.delivery);
          continue;
        }
        const page = await this.store.deliveriesAfter(this.appliedSeq, this.pageSize);
        for (const logged of page) {
          if (logged.seq !== this.appliedSeq + 1) throw new Error(`the log goes from ${this.appliedSeq} to ${logged.seq}: a position is missing`);
          // Our own, if it is one: the copy in memory is the same bytes.
          await this.foldNext(this.own.get(logged.seq)?.delivery ?? logged);
        }
        if (page.length === this.pageSize) await this.options.afterFullPage?.();
        else if (this.catchingUp) this.catchingUp = false;
        else if (page.length === 0) throw new Error(`the log ends at ${this.appliedSeq}, though ${this.target} was committed`);
      }
    } catch (error) {
      // The store is away (or a fold failed): our deliveries still waiting are answered with
      // the error, so that their senders retry (a retry folds as a duplicate). They are folded
      // all the same once the log can be read again.
      this.failure = error as Error;
      for (const waiting of this.own.values()) waiting.reject(this.failure);
    }
  }

  private async foldNext(delivery: ReceivedDelivery): Promise<void> {
    const seq = this.appliedSeq + 1;
    const result = await this.fold(seq, delivery);
    this.appliedSeq = seq;
    const mine = this.own.get(seq);
    if (mine) {
      this.own.delete(seq);
      mine.resolve(result);
      return;
    }
    this.recent.set(seq, result);
    if (this.recent.size > this.recentResults) this.recent.delete(this.recent.keys().next().value!);
  }
}
