// The task lifecycle (DESIGN §3): new → queued → offered → connected ⇄ held; connected/held →
// consulting → conferencing; suspended; → ended → wrapup → closed.
// Every state accepts every assertion (deliveries get lost); skips are recorded as gaps.
// `closed` is the lifecycle's last state but not an XState final state: a final actor stops
// taking events, and a capture can arrive after close, so `closed` absorbs attributes instead.
import { assign, setup } from 'xstate';
import type { TaskEvent } from '../src/events/canonical.js';
import { TASK_STATES, type TaskState } from '../src/events/states.js';
import { type AssertionParams, assertionTransitions } from './assertionTransitions.js';
import { initialTaskContext, recordTaskAssertion, type TaskContext } from './task.context.js';

const accepts = (from: TaskState) => ({
  ...assertionTransitions('task', TASK_STATES, from),
  'task.updated': { actions: { type: 'recordAssertion' as const, params: { from, to: from } } },
});

const absorbs = (state: TaskState) => ({
  'task.*': { actions: { type: 'recordAssertion' as const, params: { from: state, to: state } } },
});

export const taskMachine = setup({
  types: {
    context: {} as TaskContext,
    events: {} as TaskEvent,
    input: {} as { id: string },
  },
  actions: {
    recordAssertion: assign(({ context, event }, { from, to }: AssertionParams<TaskState>) =>
      recordTaskAssertion(context, event, from, to),
    ),
  },
}).createMachine({
  id: 'task',
  initial: 'new',
  context: ({ input }) => initialTaskContext(input.id),
  states: {
    new: { on: accepts('new') },
    queued: { on: accepts('queued') },
    offered: { on: accepts('offered') },
    connected: { on: accepts('connected') },
    held: { on: accepts('held') },
    consulting: { on: accepts('consulting') },
    conferencing: { on: accepts('conferencing') },
    suspended: { on: accepts('suspended') },
    ended: { on: accepts('ended') },
    wrapup: { on: accepts('wrapup') },
    closed: { on: absorbs('closed') },
  },
});
