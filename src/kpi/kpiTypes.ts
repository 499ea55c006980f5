// The public types of queue KPIs and agent timelines (DESIGN §7): what `engine.queues()`,
// `engine.queue(id)` and `engine.agentTimeline(id)` answer, and the options that shape them.
// docs/kpis.md defines every number.
import type { IdleCode } from '../events/canonical.js';
import type { AgentState } from '../events/states.js';

/**
 * Which ratio `serviceLevel` is (T = `serviceLevelThresholdMs`):
 * - `enteredLessShortAbandons` (default, after Amazon Connect): answered within T ÷ (entered − short abandons)
 * - `entered`: answered within T ÷ entered
 * - `answeredOrAbandoned`: answered within T ÷ (answered + abandoned − short abandons); tasks still waiting left out
 * - `answered`: answered within T ÷ answered
 */
export const SERVICE_LEVEL_FORMULAS = ['enteredLessShortAbandons', 'entered', 'answeredOrAbandoned', 'answered'] as const;
export type ServiceLevelFormula = (typeof SERVICE_LEVEL_FORMULAS)[number];

export interface KpiOptions {
  /** IANA time zone whose midnight starts a day (default `UTC`). */
  timeZone?: string;
  /** T of the service level: answered at or within this wait counts as within (default 20 000 ms). */
  serviceLevelThresholdMs?: number;
  serviceLevelFormula?: ServiceLevelFormula;
  /** An abandon after a wait shorter than this is a short abandon (default 5 000 ms; 0: none is). */
  shortAbandonMs?: number;
  /** How many days of 15-minute buckets are kept, counting today (default 8). */
  keepDays?: number;
}

/** The KPIs of the tasks that entered a queue in `[from, to)` (event time, epoch ms). */
export interface QueueIntervalKpis {
  from: number;
  to: number;
  entered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  /** Per the selected formula, 0..1; null when its denominator is 0. */
  serviceLevel: number | null;
  averageSpeedOfAnswerMs: number | null;
  /** Over the answered tasks that ended: talk + hold + wrap-up. */
  averageHandleTimeMs: number | null;
  /** The longest wait of a task answered or abandoned. */
  longestWaitMs: number | null;
}

/** What a queue is doing now, from the tasks in memory. */
export interface QueueLiveKpis {
  /** Tasks queued now. */
  waiting: number;
  /** Now minus the time the longest-waiting queued task entered the queue; null when none waits. */
  longestWaitMs: number | null;
  /** Tasks offered to an agent (ringing) now. */
  offered: number;
  /** Tasks connected, held, consulting, conferencing or suspended now. */
  inProgress: number;
}

export interface QueueKpis {
  queueId: string;
  /** null: every channel type together. */
  channelType: string | null;
  /** The event time `live` and `today` are as of. */
  asOf: number;
  live: QueueLiveKpis;
  /** The day so far (in `timeZone`) up to `asOf`. */
  today: QueueIntervalKpis;
  /** 15-minute buckets, when asked for. */
  intervals?: QueueIntervalKpis[];
}

export interface QueuesQuery {
  /** Event time "now" (default: the newest watermark of the engine's source clocks). */
  now?: number;
  /** One row per queue and channel type (default: one row per queue, all channel types together). */
  byChannelType?: boolean;
}

export interface QueueQuery {
  now?: number;
  /** Only this channel type (default: all). */
  channelType?: string;
  /** Add `intervals`: the 15-minute buckets overlapping [from, to) (default: today). */
  interval?: '15m';
  from?: number;
  to?: number;
}

/** One stretch of an agent's timeline: its state, idle code and tasks, over [from, to). */
export interface AgentInterval {
  state: AgentState;
  idleCode: IdleCode | null;
  tasks: string[];
  from: number;
  /** null: still in it. */
  to: number | null;
}

/** Per day (in `timeZone`): ms spent per state, logged in, and idle per idle code. */
export interface AgentDayTotals {
  /** The day's start, epoch ms. */
  day: number;
  loggedInMs: number;
  byState: Record<AgentState, number>;
  /** Idle time per idle code (`id`, else `name`, else '' for none). */
  idleByCode: Record<string, number>;
}

export interface AgentTimeline {
  agentId: string;
  from: number;
  to: number;
  /** The event time an interval still open counts up to in `totals`. */
  asOf: number;
  /** Clipped to [from, to); `to` null while the agent is still in it. */
  intervals: AgentInterval[];
  totals: AgentDayTotals[];
}

export interface AgentTimelineQuery {
  from: number;
  to: number;
  /** Event time "now" (default: the newest watermark of the engine's source clocks). */
  now?: number;
}
