// Queue KPIs kept as tasks' views change. Each touched task is looked at lazily (at the next read,
// or after each delivery while someone listens to the change feed): its new contribution replaces
// its last one in the buckets, and its live place moves. What is kept:
// - per task in memory: its last contribution and live place;
// - per task that left memory (retention): its last contribution, for as long as the engine keeps
//   its tombstone (two retention periods, looked at once a day), so that a task a store brings
//   back takes back exactly what it added; the sums keep its contribution after that, settled;
// - the buckets of the last `keepDays` days (queueBuckets.ts).
import { intervalKpis } from './intervalKpis.js';
import type { ResolvedKpiOptions } from './kpiOptions.js';
import type { QueueIntervalKpis, QueueKpis, QueueQuery, QueuesQuery } from './kpiTypes.js';
import { type BucketJson, QueueBuckets } from './queueBuckets.js';
import { type LiveEntry, liveEntryOf, QueueLive } from './queueLive.js';
import { type ContributingView, contributionOf, sameContribution, type TaskContribution } from './taskContribution.js';
import { BUCKET_MS, bucketOf, type TimeZoneDays } from './timeZoneDays.js';

/** A task's view (what counts of it) and the time it entered its current state, while it is in memory. */
export type TaskFacts = (taskId: string) => { view: ContributingView; since: number | null } | undefined;

interface Departed {
  contribution: TaskContribution;
  lastEventTime: number;
}

export interface QueueKpisSnapshot {
  keptFrom: number;
  buckets: BucketJson[];
  departed: [string, Departed][];
}

const DAY = 24 * 60 * 60_000;

export class QueueKpiTracker {
  private readonly contributions = new Map<string, TaskContribution>();
  private readonly places = new Map<string, LiveEntry>();
  private readonly departed: Map<string, Departed>;
  /** Tasks whose view may have changed since the last flush: whether out of order. */
  private readonly touched = new Map<string, boolean>();
  private readonly buckets: QueueBuckets;
  private readonly live = new QueueLive();
  /** When the kept buckets and departed tasks are next trimmed (the next day's start). */
  private nextTrim = -Infinity;

  constructor(
    private readonly options: ResolvedKpiOptions,
    /** The days of `options.timeZone`. */
    private readonly days: TimeZoneDays,
    private readonly retentionMs: number,
    private readonly facts: TaskFacts,
    /** Tasks in memory at the start (a restored engine): counted in `saved` already. */
    inMemory: Iterable<string>,
    saved?: QueueKpisSnapshot,
  ) {
    this.buckets = saved ? QueueBuckets.fromJSON(saved.buckets, saved.keptFrom) : new QueueBuckets();
    this.departed = new Map(saved?.departed);
    for (const taskId of inMemory) {
      const facts = this.facts(taskId);
      if (!facts) continue;
      const contribution = contributionOf(facts.view, options);
      if (contribution) this.contributions.set(taskId, contribution);
      const place = liveEntryOf(facts.view, facts.since);
      if (place) this.places.set(taskId, place);
      this.live.move(taskId, undefined, place);
    }
    if (!saved) for (const contribution of this.contributions.values()) this.buckets.add(contribution, 1);
  }

  touch(taskId: string, outOfOrder: boolean): void {
    const seen = this.touched.get(taskId);
    if (seen === undefined || (outOfOrder && !seen)) this.touched.set(taskId, outOfOrder);
  }

  /** The task left memory with `view`: its contribution stays in the sums. */
  leftMemory(taskId: string, view: ContributingView, lastEventTime: number): void {
    this.touched.delete(taskId);
    this.update(taskId, view, null, new Map(), false);
    this.live.move(taskId, this.places.get(taskId), undefined);
    this.places.delete(taskId);
    const contribution = this.contributions.get(taskId);
    this.contributions.delete(taskId);
    if (contribution) this.departed.set(taskId, { contribution, lastEventTime });
  }

  /**
   * Looks at the touched tasks, and trims once a day; `clock` is the engine's event-time clock
   * (never a reader's `now`, which must not drop buckets). Returns the queues whose KPIs moved, each with whether out of order. */
  flush(clock: number): Map<string, boolean> {
    this.trim(clock);
    const moved = new Map<string, boolean>();
    for (const [taskId, outOfOrder] of this.touched) {
      const facts = this.facts(taskId);
      // Not in memory (it left in the same delivery): what it left with counts.
      if (!facts) continue;
      this.update(taskId, facts.view, facts.since, moved, outOfOrder);
    }
    this.touched.clear();
    return moved;
  }

  /** The queues' KPIs as of `now` (flush first). */
  queues(now: number, { byChannelType = false }: QueuesQuery = {}): QueueKpis[] {
    const queueIds = [...new Set([...this.buckets.queueIds(), ...this.live.queueIds()])].sort();
    return queueIds.flatMap((queueId) =>
      byChannelType ? this.channelTypesOf(queueId).map((channelType) => this.kpisOf(queueId, channelType, now)) : [this.kpisOf(queueId, undefined, now)],
    );
  }

  /** One queue's KPIs as of `now` (flush first). */
  queue(queueId: string, now: number, query: QueueQuery = {}): QueueKpis | undefined {
    if (this.channelTypesOf(queueId).length === 0) return undefined;
    const kpis = this.kpisOf(queueId, query.channelType, now);
    if (query.interval === undefined && query.from === undefined && query.to === undefined) return kpis;
    const from = query.from ?? kpis.today.from;
    const to = query.to ?? kpis.today.to;
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) throw new RangeError(`queue(${queueId}): from ${from} and to ${to} must be event times with from < to`);
    if (to - from > (this.options.keepDays + 1) * DAY) throw new RangeError(`queue(${queueId}): at most ${this.options.keepDays + 1} days of intervals (keepDays ${this.options.keepDays})`);
    const intervals: QueueIntervalKpis[] = [];
    for (let start = bucketOf(from); start < to; start += BUCKET_MS) {
      intervals.push(intervalKpis(start, start + BUCKET_MS, this.buckets.sum(queueId, query.channelType, start, start + BUCKET_MS), this.options.serviceLevelFormula));
    }
    return { ...kpis, intervals };
  }

  /** The sums as a snapshot holds them (flush first). */
  toJSON(): QueueKpisSnapshot {
    return { keptFrom: this.buckets.keptFrom, buckets: this.buckets.toJSON(), departed: [...this.departed] };
  }

  /** The start of the oldest day kept. */
  get keptFrom(): number {
    return this.buckets.keptFrom;
  }

  /** How many buckets are held. */
  get bucketCount(): number {
    return this.buckets.size;
  }

  /** Replaces the task's contribution and live place by those of `view`; marks in `moved` each queue that moved. */
  private update(taskId: string, view: ContributingView, since: number | null, moved: Map<string, boolean>, outOfOrder: boolean): void {
    const before = this.contributions.get(taskId) ?? this.departed.get(taskId)?.contribution;
    const after = contributionOf(view, this.options);
    const placeBefore = this.places.get(taskId);
    const placeAfter = liveEntryOf(view, since);
    if (!sameContribution(before, after)) {
      if (before) this.buckets.add(before, -1);
      if (after) this.buckets.add(after, 1);
      markMoved(moved, before?.queueId, outOfOrder);
      markMoved(moved, after?.queueId, outOfOrder);
    }
    this.departed.delete(taskId);
    if (after) this.contributions.set(taskId, after);
    else this.contributions.delete(taskId);
    if (!sameLive(placeBefore, placeAfter)) {
      this.live.move(taskId, placeBefore, placeAfter);
      markMoved(moved, placeBefore?.queueId, outOfOrder);
      markMoved(moved, placeAfter?.queueId, outOfOrder);
    }
    if (placeAfter) this.places.set(taskId, placeAfter);
    else this.places.delete(taskId);
  }

  private kpisOf(queueId: string, channelType: string | null | undefined, now: number): QueueKpis {
    const from = this.days.dayStart(now);
    const to = this.days.nextDayStart(now);
    return {
      queueId,
      channelType: channelType ?? null,
      asOf: now,
      live: this.live.kpis(queueId, channelType, now),
      today: intervalKpis(from, to, this.buckets.sum(queueId, channelType, from, to), this.options.serviceLevelFormula),
    };
  }

  private channelTypesOf(queueId: string): (string | null)[] {
    return [...new Set([...this.buckets.channelTypes(queueId), ...this.live.channelTypes(queueId)])].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  }

  /** Once a day: drops the buckets older than `keepDays` days, and forgets the departed tasks whose tombstones are gone (their contributions settle). */
  private trim(now: number): void {
    if (now < this.nextTrim) return;
    this.nextTrim = this.days.nextDayStart(now);
    let keptFrom = this.days.dayStart(now);
    for (let day = 1; day < this.options.keepDays; day++) keptFrom = this.days.dayStart(keptFrom - 1);
    this.buckets.keepFrom(keptFrom);
    for (const [taskId, { lastEventTime, contribution }] of this.departed) {
      if (lastEventTime >= now - 2 * this.retentionMs && contribution.bucket >= keptFrom) continue;
      this.buckets.settle(contribution);
      this.departed.delete(taskId);
    }
  }
}

const sameLive = (a: LiveEntry | undefined, b: LiveEntry | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.queueId === b.queueId && a.channelType === b.channelType && a.place === b.place && a.since === b.since;

function markMoved(moved: Map<string, boolean>, queueId: string | undefined, outOfOrder: boolean): void {
  if (queueId !== undefined) moved.set(queueId, moved.get(queueId) === true || outOfOrder);
}
