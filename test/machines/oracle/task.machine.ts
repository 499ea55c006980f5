// FROZEN ORACLE: the machine written as a complete table of assertions (every state lists every
// assertion), the reference the lifecycle-shaped machines in machines/ must equal
// (test/machines/reshape.property.test.ts). Do not edit; it shares the live context modules.
// The task lifecycle (DESIGN §3): new → queued → offered → connected ⇄ held; connected/held →
// consulting → conferencing; suspended; → ended → wrapup → closed.
// Every state accepts every assertion (deliveries get lost); skips are recorded as gaps.
// `closed` is the lifecycle's last state but not an XState final state: a final actor stops
// taking events, and a capture can arrive after close, so `closed` absorbs attributes instead.
import { assign, setup } from 'xstate';
import type { TaskEvent } from '../../../src/events/canonical.js';
import { TASK_STATES, type TaskState } from '../../../src/events/states.js';
import { type AssertionParams, assertionTransitions } from './assertionTransitions.js';
import { initialTaskContext, movesOnlyTheAgent, recordTaskAssertion, type TaskContext } from '../../../machines/task.context.js';

const recordAssertion = (from: TaskState, to: TaskState) => ({ type: 'recordAssertion' as const, params: { from, to } });

const accepts = (from: TaskState) => ({
  ...assertionTransitions('task', TASK_STATES, from),
  'task.ended': [
    { guard: { type: 'isTransferPending' as const, params: { from } }, actions: recordAssertion(from, from) },
    { target: 'ended', actions: recordAssertion(from, 'ended') },
  ],
  'task.wrapup': agentScoped(from, 'wrapup'),
  'task.closed': agentScoped(from, 'closed'),
  'task.updated': { actions: recordAssertion(from, from) },
});

/** One agent's wrap-up or end: the task follows only if that agent was the last one on it. */
const agentScoped = (from: TaskState, to: 'wrapup' | 'closed') => [
  { guard: { type: 'movesOnlyTheAgent' as const, params: { to } }, actions: recordAssertion(from, from) },
  { target: to, actions: recordAssertion(from, to) },
];

const absorbs = (state: TaskState) => ({ 'task.*': { actions: recordAssertion(state, state) } });

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
  guards: {
    /** A conditional end (an agent left) while the task waits in the queue for a transfer. */
    isTransferPending: ({ event }, { from }: { from: TaskState }) => from === 'queued' && event.unlessTransferPending === true,
    movesOnlyTheAgent: ({ context, event }, { to }: { to: 'wrapup' | 'closed' }) => movesOnlyTheAgent(context, event, to),
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
    // Wrap-up comes after the end: an end asserted later (the customer's channel closing a
    // moment after the agent's wrap-up started) adds its reason and party, and moves nothing.
    wrapup: { on: { ...accepts('wrapup'), 'task.ended': { actions: recordAssertion('wrapup', 'wrapup') } } },
    closed: { on: absorbs('closed') },
  },
});
