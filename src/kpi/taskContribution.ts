// What one task contributes to its queue's KPIs, from its view alone (a pure function): every
// queue KPI is a sum of these over tasks, so a task whose view changes takes back its old
// contribution and adds its new one (queueBuckets.ts). docs/kpis.md defines each term.
import type { TaskState } from '../events/states.js';
import type { TaskView } from '../views/taskView.js';
import { bucketOf } from './timeZoneDays.js';

export interface TaskContribution {
  queueId: string;
  channelType: string | null;
  /** The 15-minute bucket of its entry into the queue: every term below counts there. */
  bucket: number;
  answered: boolean;
  answeredWithinThreshold: boolean;
  abandoned: boolean;
  shortAbandoned: boolean;
  /** First connection minus entry (answered tasks), else 0. */
  speedOfAnswerMs: number;
  /** Answered and ended: its handle time counts. */
  handled: boolean;
  /** Talk + hold + wrap-up, for a handled task, else 0. */
  handleTimeMs: number;
  /** The wait of a task answered (its speed of answer) or abandoned; null while neither. */
  waitMs: number | null;
}

/** What a task's contribution and live place are taken from: these fields of its view. */
export type ContributingView = Pick<TaskView, 'queueId' | 'channelType' | 'state' | 'enteredAt' | 'durations'>;

export interface ContributionRules {
  serviceLevelThresholdMs: number;
  shortAbandonMs: number;
}

const FINISHED: ReadonlySet<TaskState> = new Set(['ended', 'wrapup', 'closed']);

/**
 * The task's contribution, or undefined when it has none: no queue, or it never entered one
 * (neither queued nor offered: an outbound call an agent placed).
 */
export function contributionOf(view: ContributingView, rules: ContributionRules): TaskContribution | undefined {
  if (view.queueId === null) return undefined;
  const entry = earliest(view.enteredAt.queued, view.enteredAt.offered);
  if (entry === undefined) return undefined;
  const connectedAt = view.enteredAt.connected;
  const answered = connectedAt !== undefined && connectedAt >= entry;
  const finished = FINISHED.has(view.state);
  // Ended before any agent connected (one who connected before it was queued counts too).
  const abandoned = finished && connectedAt === undefined;
  const endedAt = earliest(view.enteredAt.ended, view.enteredAt.closed);
  const speedOfAnswerMs = answered ? connectedAt - entry : 0;
  const abandonWaitMs = abandoned && endedAt !== undefined ? Math.max(0, endedAt - entry) : 0;
  const handled = answered && finished;
  const { talkMs, holdMs, wrapupMs } = view.durations;
  return {
    queueId: view.queueId,
    channelType: view.channelType,
    bucket: bucketOf(entry),
    answered,
    answeredWithinThreshold: answered && speedOfAnswerMs <= rules.serviceLevelThresholdMs,
    abandoned,
    shortAbandoned: abandoned && abandonWaitMs < rules.shortAbandonMs,
    speedOfAnswerMs,
    handled,
    handleTimeMs: handled ? talkMs + holdMs + wrapupMs : 0,
    waitMs: answered ? speedOfAnswerMs : abandoned ? abandonWaitMs : null,
  };
}

/** Whether two contributions are the same (nothing to take back and add). */
export function sameContribution(a: TaskContribution | undefined, b: TaskContribution | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (Object.keys(a) as (keyof TaskContribution)[]).every((key) => a[key] === b[key]);
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}
