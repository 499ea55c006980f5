// The task's context and the pure step that records one assertion in it.
import type { TaskAttributes, TaskEvent } from '../src/events/canonical.js';
import type { TaskState } from '../src/events/states.js';
import { type GapRecord, type Lifecycle, noGaps, withGapIfSkipped } from './gaps.js';

/**
 * The nominal lifecycle: each state's legal successors. Anything else is a gap. The machine's
 * chart draws exactly these edges (task.machine.ts reads this table), and a test holds the two equal.
 */
export const TASK_LIFECYCLE: Lifecycle<TaskState> = {
  new: ['queued', 'offered', 'connected', 'ended'],
  queued: ['offered', 'connected', 'ended'],
  // Not answered (RONA): back to the queue.
  offered: ['connected', 'consulting', 'queued', 'ended'],
  connected: ['held', 'consulting', 'conferencing', 'suspended', 'ended'],
  held: ['connected', 'consulting', 'conferencing', 'suspended', 'ended'],
  // The consulted agent is offered the consult (Webex SDK `task:offerConsult` → offered).
  consulting: ['held', 'conferencing', 'connected', 'offered', 'ended'],
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

/** Where one agent is in the task: working on it, wrapping up, done, or left it unanswered. */
export type Participation = 'working' | 'wrapup' | 'done' | 'left';

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

/** The captures of a task before any: one frozen empty list for every task (a context is only ever copied). */
const NO_CAPTURES: string[] = Object.freeze([]) as unknown as string[];

export const initialTaskContext = (taskId: string): TaskContext => ({
  taskId,
  attributes: {},
  participants: {},
  captures: NO_CAPTURES,
  enteredAt: {},
  durations: { queueMs: 0, ringMs: 0, talkMs: 0, holdMs: 0, suspendedMs: 0, wrapupMs: 0 },
  since: null,
  lastEventAt: null,
  gaps: noGaps(),
  gapCount: 0,
});

export function recordTaskAssertion(context: TaskContext, event: TaskEvent, from: TaskState, to: TaskState): TaskContext {
  let next: TaskContext = {
    ...context,
    attributes: withAttributes(context.attributes, event.attributes),
    participants: withParticipation(context.participants, event),
    captures: event.capture && !context.captures.includes(event.capture) ? [...context.captures, event.capture] : context.captures,
    lastEventAt: event.time,
  };
  if (from !== to || context.since === null) next = entered(next, from, to, event.time);
  return withGapIfSkipped(next, TASK_LIFECYCLE, { from, to, at: event.time, eventId: event.id });
}

/**
 * The attributes after an event's: the same object when the event sets nothing new (most events
 * repeat what the task already says), so that what reads them sees no change.
 */
function withAttributes(current: TaskAttributes, set: TaskAttributes | undefined): TaskAttributes {
  if (!set) return current;
  for (const key in set) {
    if (current[key as keyof TaskAttributes] !== set[key as keyof TaskAttributes] || !(key in current)) return { ...current, ...set };
  }
  return current;
}

function entered(context: TaskContext, from: TaskState, to: TaskState, time: number): TaskContext {
  const bucket = DURATION_OF[from];
  const durations =
    bucket &&
    // Stryker disable next-line ConditionalExpression: equivalent, `since` is set by every assertion (test/README.md)
    context.since !== null
      ? { ...context.durations, [bucket]: context.durations[bucket] + Math.max(0, time - context.since) }
      : context.durations;
  const enteredAt = context.enteredAt[to] === undefined ? { ...context.enteredAt, [to]: time } : context.enteredAt;
  return { ...context, durations, enteredAt, since: time };
}

const WRAPPING: Partial<Record<TaskEvent['type'], Participation>> = { 'task.wrapup': 'wrapup', 'task.closed': 'done' };

function withParticipation(participants: Record<string, Participation>, event: TaskEvent): Record<string, Participation> {
  const agent = event.agentLeft ?? event.agentJoined;
  if (!agent) return participants;
  let participation: Participation = event.agentLeft ? 'left' : (WRAPPING[event.type] ?? 'working');
  // An agent who left (did not answer) and then closes their own leg stays out of the task.
  if (participants[agent] === 'left' && WRAPPING[event.type]) participation = 'left';
  return participants[agent] === participation ? participants : { ...participants, [agent]: participation };
}

/** The agents taking part in the task, in joining order (not those who left it unanswered). */
export const participatingAgents = (context: TaskContext): string[] =>
  Object.keys(context.participants).filter((agent) => context.participants[agent] !== 'left');

/**
 * An agent's own wrap-up (or its end) moves the whole task only when that agent was the last
 * one on it: in a conference, the expert who leaves wraps up while the call goes on; an agent
 * who left the task unanswered and then closes their leg moves nothing.
 */
export function movesOnlyTheAgent(context: TaskContext, event: TaskEvent, to: 'wrapup' | 'closed'): boolean {
  const asserting = event.agentJoined;
  if (!asserting) return false;
  if (context.participants[asserting] === 'left') return true;
  return Object.entries(context.participants).some(
    ([agent, participation]) => agent !== asserting && (participation === 'working' || (to === 'closed' && participation === 'wrapup')),
  );
}
