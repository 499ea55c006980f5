// The task's context and the pure step that records one assertion in it.
import type { TaskAttributes, TaskEvent } from '../src/events/canonical.js';
import type { TaskState } from '../src/events/states.js';
import { type GapRecord, type Lifecycle, withGapIfSkipped } from './gaps.js';

/** The nominal lifecycle: each state's legal successors. Anything else is a gap. */
export const TASK_LIFECYCLE: Lifecycle<TaskState> = {
  new: ['queued', 'offered', 'connected', 'ended'],
  queued: ['offered', 'connected', 'ended'],
  offered: ['connected', 'queued', 'ended'],
  connected: ['held', 'consulting', 'conferencing', 'suspended', 'ended'],
  held: ['connected', 'consulting', 'conferencing', 'suspended', 'ended'],
  consulting: ['held', 'conferencing', 'connected', 'ended'],
  conferencing: ['connected', 'held', 'ended'],
  suspended: ['connected', 'ended'],
  // A chat that was left can be re-opened (8x8).
  ended: ['wrapup', 'closed', 'queued', 'offered', 'connected'],
  wrapup: ['closed'],
  closed: [],
};

export interface TaskDurations {
  queueMs: number;
  ringMs: number;
  talkMs: number;
  holdMs: number;
  suspendedMs: number;
  wrapupMs: number;
}

/** Which duration the time spent in a state counts towards. */
const DURATION_OF: Partial<Record<TaskState, keyof TaskDurations>> = {
  queued: 'queueMs',
  offered: 'ringMs',
  connected: 'talkMs',
  consulting: 'talkMs',
  conferencing: 'talkMs',
  held: 'holdMs',
  suspended: 'suspendedMs',
  wrapup: 'wrapupMs',
};

/** Where one participating agent is in the task: working on it, wrapping up, or done. */
export type Participation = 'working' | 'wrapup' | 'done';

export interface TaskContext extends GapRecord<TaskState> {
  taskId: string;
  attributes: TaskAttributes;
  /** Participating agents in order of joining, with where each one is. */
  participants: Record<string, Participation>;
  captures: string[];
  /** Event time at which each state was first entered. */
  enteredAt: Partial<Record<TaskState, number>>;
  durations: TaskDurations;
  /** Event time at which the current state was entered; null before the first event. */
  since: number | null;
  lastEventAt: number | null;
}

export const initialTaskContext = (taskId: string): TaskContext => ({
  taskId,
  attributes: {},
  participants: {},
  captures: [],
  enteredAt: {},
  durations: { queueMs: 0, ringMs: 0, talkMs: 0, holdMs: 0, suspendedMs: 0, wrapupMs: 0 },
  since: null,
  lastEventAt: null,
  gaps: [],
  gapCount: 0,
});

export function recordTaskAssertion(context: TaskContext, event: TaskEvent, from: TaskState, to: TaskState): TaskContext {
  let next: TaskContext = {
    ...context,
    attributes: event.attributes ? { ...context.attributes, ...event.attributes } : context.attributes,
    participants: withParticipation(context.participants, event),
    captures: event.capture && !context.captures.includes(event.capture) ? [...context.captures, event.capture] : context.captures,
    lastEventAt: event.time,
  };
  if (from !== to || context.since === null) next = entered(next, from, to, event.time);
  return withGapIfSkipped(next, TASK_LIFECYCLE, { from, to, at: event.time, eventId: event.id });
}

function entered(context: TaskContext, from: TaskState, to: TaskState, time: number): TaskContext {
  const bucket = DURATION_OF[from];
  const durations =
    bucket && context.since !== null
      ? { ...context.durations, [bucket]: context.durations[bucket] + Math.max(0, time - context.since) }
      : context.durations;
  const enteredAt = context.enteredAt[to] === undefined ? { ...context.enteredAt, [to]: time } : context.enteredAt;
  return { ...context, durations, enteredAt, since: time };
}

function withParticipation(participants: Record<string, Participation>, event: TaskEvent): Record<string, Participation> {
  if (event.agentLeft && event.agentLeft in participants) {
    const { [event.agentLeft]: _left, ...rest } = participants;
    return rest;
  }
  if (!event.agentJoined) return participants;
  const participation: Participation = event.type === 'task.wrapup' ? 'wrapup' : event.type === 'task.closed' ? 'done' : 'working';
  return participants[event.agentJoined] === participation ? participants : { ...participants, [event.agentJoined]: participation };
}

/**
 * An agent's own wrap-up (or its end) moves the whole task only when no other participant is
 * still further back: in a conference, the expert who leaves wraps up while the call goes on.
 */
export function othersStillOnTask(context: TaskContext, event: TaskEvent, to: 'wrapup' | 'closed'): boolean {
  const asserting = event.agentJoined;
  if (!asserting) return false;
  return Object.entries(context.participants).some(
    ([agent, participation]) => agent !== asserting && (participation === 'working' || (to === 'closed' && participation === 'wrapup')),
  );
}
