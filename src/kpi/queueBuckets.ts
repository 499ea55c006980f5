// The sums behind the queue KPIs: per queue, channel type and 15-minute bucket of entry, the sum
// of the contributions of the tasks that entered then. A contribution is added or taken back
// (sign +1 or -1), so the sums stay exact whatever order the views changed in. The longest wait
// is a maximum, which a take-back cannot undo from the maximum alone: each bucket counts its
// tasks per wait while they can still be taken back, and keeps only the longest wait of those that
// no longer can (`settle`: their task is gone from memory and forgotten), so its size follows the
// tasks still remembered, not every task that entered it.
//
// Kept: the buckets from `keptFrom` on (the engine moves it to `keepDays` days before today); a
// contribution to an older bucket is neither added nor taken back. A bucket whose tasks were all
// taken back is dropped.
import type { TaskContribution } from './taskContribution.js';

/** The counted terms of a bucket, or of several added up. */
export interface BucketCounts {
  entered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  speedOfAnswerSumMs: number;
  handled: number;
  handleTimeSumMs: number;
}

/** An interval's sums: its buckets' counts added up, and the longest wait of a task answered or abandoned in them. */
export interface BucketSums extends BucketCounts {
  longestWaitMs: number | null;
}

interface Bucket {
  counts: BucketCounts;
  /** How many tasks that can still be taken back waited each number of ms (answered or abandoned). */
  waits: Map<number, number>;
  /** The longest wait of the tasks settled (never taken back); null while none is. */
  settledLongestWaitMs: number | null;
  /** The longest wait of all, while known; undefined once the longest was taken back (read again from `waits`). */
  longestWaitMs: number | null | undefined;
}

/**
 * A bucket as a snapshot holds it: its queue, channel type (null: none), start, counts, the waits
 * still counted as pairs, and the longest settled wait (absent in a snapshot of an older version: none).
 */
export type BucketJson = [string, string | null, number, BucketCounts, [number, number][], (number | null)?];

const emptyCounts = (): BucketCounts => ({
  entered: 0,
  answered: 0,
  answeredWithinThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  speedOfAnswerSumMs: 0,
  handled: 0,
  handleTimeSumMs: 0,
});

const emptyBucket = (): Bucket => ({ counts: emptyCounts(), waits: new Map(), settledLongestWaitMs: null, longestWaitMs: null });

/** The buckets of one queue and channel type, by start. */
type ChannelBuckets = Map<number, Bucket>;

export class QueueBuckets {
  /** queue id → channel type ('' for none) → bucket start → bucket. */
  private readonly queues = new Map<string, Map<string, ChannelBuckets>>();
  keptFrom = -Infinity;

  add(contribution: TaskContribution, sign: 1 | -1): void {
    if (contribution.bucket < this.keptFrom) return;
    const channels = getOrAdd(this.queues, contribution.queueId, () => new Map<string, ChannelBuckets>());
    const buckets = getOrAdd(channels, contribution.channelType ?? '', () => new Map<number, Bucket>());
    const bucket = getOrAdd(buckets, contribution.bucket, emptyBucket);
    const { counts } = bucket;
    counts.entered += sign;
    counts.answered += sign * Number(contribution.answered);
    counts.answeredWithinThreshold += sign * Number(contribution.answeredWithinThreshold);
    counts.abandoned += sign * Number(contribution.abandoned);
    counts.shortAbandoned += sign * Number(contribution.shortAbandoned);
    counts.speedOfAnswerSumMs += sign * contribution.speedOfAnswerMs;
    counts.handled += sign * Number(contribution.handled);
    counts.handleTimeSumMs += sign * contribution.handleTimeMs;
    if (contribution.waitMs !== null) countWait(bucket, contribution.waitMs, sign);
    if (counts.entered > 0) return;
    buckets.delete(contribution.bucket);
    if (buckets.size > 0) return;
    channels.delete(contribution.channelType ?? '');
    if (channels.size === 0) this.queues.delete(contribution.queueId);
  }

  /** The task that added `contribution` will never take it back: its wait counts only toward the longest. */
  settle(contribution: TaskContribution): void {
    const bucket = this.queues.get(contribution.queueId)?.get(contribution.channelType ?? '')?.get(contribution.bucket);
    const wait = contribution.waitMs;
    if (!bucket || wait === null || !bucket.waits.has(wait)) return;
    // The wait moves from the counts to the settled longest: the longest of all stays as it was.
    const longest = bucket.longestWaitMs;
    countWait(bucket, wait, -1);
    if (bucket.settledLongestWaitMs === null || wait > bucket.settledLongestWaitMs) bucket.settledLongestWaitMs = wait;
    bucket.longestWaitMs = longest;
  }

  /** Drops the buckets before `from` (it only moves forward). */
  keepFrom(from: number): void {
    if (from <= this.keptFrom) return;
    this.keptFrom = from;
    for (const [queueId, channels] of this.queues) {
      for (const [channel, buckets] of channels) {
        for (const start of buckets.keys()) if (start < from) buckets.delete(start);
        if (buckets.size === 0) channels.delete(channel);
      }
      if (channels.size === 0) this.queues.delete(queueId);
    }
  }

  queueIds(): string[] {
    return [...this.queues.keys()];
  }

  /** The channel types a queue has buckets of (null: none). */
  channelTypes(queueId: string): (string | null)[] {
    return [...(this.queues.get(queueId)?.keys() ?? [])].map((key) => key || null);
  }

  /** The sums over the buckets starting in [from, to) of the queue, one channel type or all (undefined). */
  sum(queueId: string, channelType: string | null | undefined, from: number, to: number): BucketSums {
    const total: BucketSums = { ...emptyCounts(), longestWaitMs: null };
    const channels = this.queues.get(queueId);
    if (!channels) return total;
    for (const [channel, buckets] of channels) {
      if (channelType !== undefined && channel !== (channelType ?? '')) continue;
      for (const [start, bucket] of buckets) if (start >= from && start < to) addBucket(total, bucket);
    }
    return total;
  }

  /** How many buckets are held (for memory figures). */
  get size(): number {
    let size = 0;
    for (const channels of this.queues.values()) for (const buckets of channels.values()) size += buckets.size;
    return size;
  }

  toJSON(): BucketJson[] {
    const rows: BucketJson[] = [];
    for (const [queueId, channels] of this.queues) {
      for (const [channel, buckets] of channels) {
        for (const [start, { counts, waits, settledLongestWaitMs }] of buckets) rows.push([queueId, channel || null, start, { ...counts }, [...waits], settledLongestWaitMs]);
      }
    }
    return rows;
  }

  static fromJSON(rows: BucketJson[], keptFrom: number): QueueBuckets {
    const restored = new QueueBuckets();
    restored.keptFrom = keptFrom;
    for (const [queueId, channel, start, counts, waits, settled] of rows) {
      const channels = getOrAdd(restored.queues, queueId, () => new Map<string, ChannelBuckets>());
      const bucket: Bucket = { counts: { ...counts }, waits: new Map(waits), settledLongestWaitMs: settled ?? null, longestWaitMs: undefined };
      getOrAdd(channels, channel ?? '', () => new Map<number, Bucket>()).set(start, bucket);
    }
    return restored;
  }
}

function addBucket(total: BucketSums, bucket: Bucket): void {
  const { counts } = bucket;
  total.entered += counts.entered;
  total.answered += counts.answered;
  total.answeredWithinThreshold += counts.answeredWithinThreshold;
  total.abandoned += counts.abandoned;
  total.shortAbandoned += counts.shortAbandoned;
  total.speedOfAnswerSumMs += counts.speedOfAnswerSumMs;
  total.handled += counts.handled;
  total.handleTimeSumMs += counts.handleTimeSumMs;
  const longest = longestWaitOf(bucket);
  if (longest !== null && (total.longestWaitMs === null || longest > total.longestWaitMs)) total.longestWaitMs = longest;
}

/** Counts a task's wait in (sign +1) or out of (-1) the bucket, keeping its longest wait while it is known. */
function countWait(bucket: Bucket, wait: number, sign: 1 | -1): void {
  const count = (bucket.waits.get(wait) ?? 0) + sign;
  if (count === 0) bucket.waits.delete(wait);
  else bucket.waits.set(wait, count);
  const longest = bucket.longestWaitMs;
  if (sign > 0 && longest !== undefined && (longest === null || wait > longest)) bucket.longestWaitMs = wait;
  else if (sign < 0 && count === 0 && wait === longest) bucket.longestWaitMs = undefined;
}

function longestWaitOf(bucket: Bucket): number | null {
  if (bucket.longestWaitMs === undefined) {
    let longest = bucket.settledLongestWaitMs;
    for (const wait of bucket.waits.keys()) if (longest === null || wait > longest) longest = wait;
    bucket.longestWaitMs = longest;
  }
  return bucket.longestWaitMs;
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
