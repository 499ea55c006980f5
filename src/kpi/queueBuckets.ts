// The sums behind the queue KPIs: per queue, channel type and 15-minute bucket of entry, the sum
// of the contributions of the tasks that entered then. A contribution is added or taken back
// (sign +1 or -1), so the sums stay exact whatever order the views changed in. The longest wait
// is a maximum, which a take-back cannot undo from the maximum alone: each bucket counts its
// tasks per wait, and the maximum is read from those counts.
//
// Kept: the buckets from `keptFrom` on (the engine moves it to `keepDays` days before today); a
// contribution to an older bucket is neither added nor taken back. A bucket whose tasks were all
// taken back is dropped.
import type { TaskContribution } from './taskContribution.js';

export interface BucketSums {
  entered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  speedOfAnswerSumMs: number;
  handled: number;
  handleTimeSumMs: number;
  /** How many tasks waited each number of ms (answered or abandoned). */
  waits: Map<number, number>;
}

/** A bucket as a snapshot holds it: its queue, channel type (null: none), start, sums, waits as pairs. */
export type BucketJson = [string, string | null, number, Omit<BucketSums, 'waits'>, [number, number][]];

const emptySums = (): BucketSums => ({
  entered: 0,
  answered: 0,
  answeredWithinThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  speedOfAnswerSumMs: 0,
  handled: 0,
  handleTimeSumMs: 0,
  waits: new Map(),
});

/** The buckets of one queue and channel type, by start. */
type ChannelBuckets = Map<number, BucketSums>;

export class QueueBuckets {
  /** queue id → channel type ('' for none) → bucket start → sums. */
  private readonly queues = new Map<string, Map<string, ChannelBuckets>>();
  keptFrom = -Infinity;

  add(contribution: TaskContribution, sign: 1 | -1): void {
    if (contribution.bucket < this.keptFrom) return;
    const channels = getOrAdd(this.queues, contribution.queueId, () => new Map<string, ChannelBuckets>());
    const buckets = getOrAdd(channels, contribution.channelType ?? '', () => new Map<number, BucketSums>());
    const sums = getOrAdd(buckets, contribution.bucket, emptySums);
    sums.entered += sign;
    sums.answered += sign * Number(contribution.answered);
    sums.answeredWithinThreshold += sign * Number(contribution.answeredWithinThreshold);
    sums.abandoned += sign * Number(contribution.abandoned);
    sums.shortAbandoned += sign * Number(contribution.shortAbandoned);
    sums.speedOfAnswerSumMs += sign * contribution.speedOfAnswerMs;
    sums.handled += sign * Number(contribution.handled);
    sums.handleTimeSumMs += sign * contribution.handleTimeMs;
    if (contribution.waitMs !== null) {
      const count = (sums.waits.get(contribution.waitMs) ?? 0) + sign;
      if (count === 0) sums.waits.delete(contribution.waitMs);
      else sums.waits.set(contribution.waitMs, count);
    }
    if (sums.entered > 0) return;
    buckets.delete(contribution.bucket);
    if (buckets.size > 0) return;
    channels.delete(contribution.channelType ?? '');
    if (channels.size === 0) this.queues.delete(contribution.queueId);
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
    const total = emptySums();
    const channels = this.queues.get(queueId);
    if (!channels) return total;
    for (const [channel, buckets] of channels) {
      if (channelType !== undefined && channel !== (channelType ?? '')) continue;
      for (const [start, sums] of buckets) if (start >= from && start < to) addSums(total, sums);
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
        for (const [start, { waits, ...sums }] of buckets) rows.push([queueId, channel || null, start, sums, [...waits]]);
      }
    }
    return rows;
  }

  static fromJSON(rows: BucketJson[], keptFrom: number): QueueBuckets {
    const restored = new QueueBuckets();
    restored.keptFrom = keptFrom;
    for (const [queueId, channel, start, sums, waits] of rows) {
      const channels = getOrAdd(restored.queues, queueId, () => new Map<string, ChannelBuckets>());
      getOrAdd(channels, channel ?? '', () => new Map<number, BucketSums>()).set(start, { ...sums, waits: new Map(waits) });
    }
    return restored;
  }
}

function addSums(total: BucketSums, sums: BucketSums): void {
  total.entered += sums.entered;
  total.answered += sums.answered;
  total.answeredWithinThreshold += sums.answeredWithinThreshold;
  total.abandoned += sums.abandoned;
  total.shortAbandoned += sums.shortAbandoned;
  total.speedOfAnswerSumMs += sums.speedOfAnswerSumMs;
  total.handled += sums.handled;
  total.handleTimeSumMs += sums.handleTimeSumMs;
  for (const [wait, count] of sums.waits) total.waits.set(wait, (total.waits.get(wait) ?? 0) + count);
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
