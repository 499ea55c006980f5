// The engine's KPIs (DESIGN §7): queue KPIs kept from task views and agent timelines kept from
// agent ledgers, wired to the engine's events, clocks, change feed and snapshot. "Now" is event
// time: the newest watermark of the engine's source clocks (or, before any, the newest event
// placed), or a reader's explicit `now`; never the wall clock.
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import type { ChangeFeed } from '../engine/changeFeed.js';
import type { EntityLedgers } from '../engine/entityLedgers.js';
import type { FinishedEntity } from '../engine/finished.js';
import type { FoldTimeline } from '../ledger/foldTimeline.js';
import type { TaskState } from '../events/states.js';
import type { TaskView } from '../views/taskView.js';
import type { TaskContext } from '../../machines/task.context.js';
import { agentTimelineOf } from './agentTimelineQuery.js';
import { AgentTimelines, type TimelinesSnapshot } from './agentTimelines.js';
import { type ResolvedKpiOptions, resolveKpiOptions } from './kpiOptions.js';
import type { AgentTimeline, AgentTimelineQuery, KpiOptions, QueueKpis, QueueQuery, QueuesQuery } from './kpiTypes.js';
import { QueueKpiTracker, type QueueKpisSnapshot } from './queueKpiTracker.js';
import type { ContributingView } from './taskContribution.js';
import { TimeZoneDays } from './timeZoneDays.js';

/** What an engine snapshot (and a store's checkpoint) holds of the KPIs. */
export interface KpiSnapshot {
  /** The options the sums were counted with: other options start them afresh. */
  rules: Pick<ResolvedKpiOptions, 'serviceLevelThresholdMs' | 'shortAbandonMs'>;
  queues: QueueKpisSnapshot;
  timelines: TimelinesSnapshot;
  /**
   * Where `timelines` start: the oldest day memory keeps, or in a checkpoint's meta its own day
   * (older days are the store's to refold); absent while memory keeps every point since the start.
   */
  timelinesFrom?: number;
}

export class EngineKpis {
  private readonly options: ResolvedKpiOptions;
  private readonly tracker: QueueKpiTracker;
  private readonly timelines: AgentTimelines;
  private readonly days: TimeZoneDays;
  /** The newest event time placed: "now" until a source clock has a watermark. */
  private newestPlaced = 0;

  constructor(
    options: KpiOptions,
    private readonly ledgers: EntityLedgers,
    retentionMs: number,
    private readonly feed: ChangeFeed,
    saved?: KpiSnapshot,
  ) {
    this.options = resolveKpiOptions(options);
    this.days = new TimeZoneDays(this.options.timeZone);
    const { serviceLevelThresholdMs, shortAbandonMs } = this.options;
    const sameRules = saved?.rules.serviceLevelThresholdMs === serviceLevelThresholdMs && saved.rules.shortAbandonMs === shortAbandonMs;
    this.tracker = new QueueKpiTracker(this.options, this.days, retentionMs, (taskId) => this.taskFacts(taskId), ledgers.ids('task'), saved && sameRules ? saved.queues : undefined);
    this.timelines = new AgentTimelines(saved?.timelines, saved?.timelinesFrom);
    for (const agentId of ledgers.ids('agent')) if (!this.timelines.has(agentId)) this.corrected({ kind: 'agent', id: agentId });
  }

  /** An event was placed in its ledger (after the ledger settled). */
  placed(event: CanonicalEvent, outOfOrder: boolean): void {
    if (event.time > this.newestPlaced) this.newestPlaced = event.time;
    if (event.entity.kind === 'task') this.tracker.touch(event.entity.id, outOfOrder);
    else if (event.entity.kind === 'agent') this.placedFrom(event.entity.id, event.time);
  }

  /** The entity was reconciled or refolded: all its ledger holds is taken again. */
  corrected(entity: EntityRef): void {
    if (entity.kind === 'task') this.tracker.touch(entity.id, true);
    else if (entity.kind === 'agent') {
      const timeline = this.timelineOf(entity.id);
      if (timeline) this.placedFrom(entity.id, timeline.baseKey?.time ?? -Infinity);
    }
  }

  leftMemory(finished: FinishedEntity): void {
    if (finished.kind === 'task') this.tracker.leftMemory(finished.id, finished.view as TaskView, finished.lastEventTime);
  }

  /** After a delivery: while someone listens, each queue whose KPIs moved goes to the change feed. */
  settle(): void {
    if (!this.feed.active) return;
    const clock = this.clock();
    for (const [queueId, outOfOrder] of this.flush(clock)) {
      const view = this.tracker.queue(queueId, clock);
      if (view) this.feed.publish({ kind: 'queue', id: queueId, view, outOfOrder });
    }
  }

  queues(query: QueuesQuery = {}): QueueKpis[] {
    this.flush(this.clock());
    return this.tracker.queues(query.now ?? this.clock(), query);
  }

  queue(queueId: string, query: QueueQuery = {}): QueueKpis | undefined {
    this.flush(this.clock());
    return this.tracker.queue(queueId, query.now ?? this.clock(), query);
  }

  agentTimeline(agentId: string, query: AgentTimelineQuery): AgentTimeline {
    this.flush(this.clock());
    return agentTimelineOf(agentId, this.timelines.of(agentId), query, query.now ?? this.clock(), this.days);
  }

  /** The start of the oldest day whose timeline points memory keeps; null while it keeps them all. */
  timelinesKeptFrom(): number | null {
    this.flush(this.clock());
    return this.timelines.keptFrom === -Infinity ? null : this.timelines.keptFrom;
  }

  /** The agent's timeline from `timeline`, its ledger refolded from a store's history of it. */
  agentTimelineFrom(agentId: string, timeline: FoldTimeline, query: AgentTimelineQuery): AgentTimeline {
    const refolded = new AgentTimelines();
    refolded.placedFrom(agentId, timeline, -Infinity);
    return agentTimelineOf(agentId, refolded.of(agentId), query, query.now ?? this.clock(), this.days);
  }

  /** Everything, for an engine snapshot (nothing else holds it). */
  toJSON(): KpiSnapshot {
    this.flush(this.clock());
    return this.snapshotFrom(this.timelines.keptFrom);
  }

  /**
   * For a durable store's checkpoint, written whole with each one: as `toJSON`, but the agents'
   * points of today only (in `timeZone`, and the one in force at its start). A restored engine
   * keeps its timelines from that day on, and answers an older range from the store's log
   * (`agentTimelineBehind`), as it does for any range older than `keepDays`.
   */
  checkpointMeta(): KpiSnapshot {
    const clock = this.clock();
    this.flush(clock);
    return this.snapshotFrom(Math.max(this.days.dayStart(clock), this.timelines.keptFrom));
  }

  private snapshotFrom(timelinesFrom: number): KpiSnapshot {
    const { serviceLevelThresholdMs, shortAbandonMs } = this.options;
    return {
      rules: { serviceLevelThresholdMs, shortAbandonMs },
      queues: this.tracker.toJSON(),
      timelines: this.timelines.toJSON(timelinesFrom),
      ...(Number.isFinite(timelinesFrom) ? { timelinesFrom } : {}),
    };
  }

  private flush(clock: number): Map<string, boolean> {
    const moved = this.tracker.flush(clock);
    this.timelines.keepFrom(this.tracker.keptFrom);
    return moved;
  }

  private clock(): number {
    return this.ledgers.clocks.newest() ?? this.newestPlaced;
  }

  private placedFrom(agentId: string, from: number): void {
    const timeline = this.timelineOf(agentId);
    if (timeline) this.timelines.placedFrom(agentId, timeline, from);
  }

  private timelineOf(agentId: string): FoldTimeline | undefined {
    return this.ledgers.get('agent', agentId)?.timeline;
  }

  /** The fields of the task's view its contribution is taken from (as `taskView` has them), without building the whole view. */
  private taskFacts(taskId: string): { view: ContributingView; since: number | null } | undefined {
    const ledger = this.ledgers.get('task', taskId);
    if (!ledger) return undefined;
    const { attributes, enteredAt, durations, since } = ledger.current.context as TaskContext;
    const view = { queueId: attributes.queueId ?? null, channelType: attributes.channelType ?? null, state: ledger.current.value as TaskState, enteredAt, durations };
    return { view, since };
  }
}
