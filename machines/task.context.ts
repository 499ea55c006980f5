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

export interface TaskContext extends GapRecord<TaskState> {
  taskId: string;
  attributes: TaskAttributes;
  agents: string[];
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
  agents: [],
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
    agents: withMembership(context.agents, event.agentJoined, event.agentLeft),
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

function withMembership(agents: string[], joined?: string, left?: string): string[] {
  if (joined && !agents.includes(joined)) return [...agents, joined];
  if (left && agents.includes(left)) return agents.filter((agent) => agent !== left);
  return agents;
}
