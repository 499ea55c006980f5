// The task lifecycle (DESIGN §3): new → queued → offered → connected ⇄ held; connected/held →
// consulting → conferencing; suspended; → ended → wrapup → closed.
// Each state's nominal edges are the lifecycle table's steps (TASK_LIFECYCLE, the one place they
// are written), beside the assertions that keep it in place (of itself, of attributes only). Any other assertion bubbles up to the root-level resync group, which takes
// it into the asserted state (deliveries get lost) and records the skip as a gap where the
// lifecycle has no such step.
// `closed` is the lifecycle's last state but not an XState final state: a final actor stops
// taking events, and a capture can arrive after close, so `closed` absorbs attributes instead.
import { assign, setup } from 'xstate';
import type { TaskEvent } from '../src/events/canonical.js';
import { TASK_STATES, type TaskState } from '../src/events/states.js';
import { type AssertionParams, lifecycleSteps, recordAtRoot, resync, stays, staysAnywhere, step } from './edges.js';
import { initialTaskContext, movesOnlyTheAgent, recordTaskAssertion, TASK_LIFECYCLE, type TaskContext } from './task.context.js';

/** The nominal edges out of `from`: TASK_LIFECYCLE's steps. A state's own entries below refine some of them (a guard), never add one. */
const stepsFrom = (from: TaskState) => lifecycleSteps('task', TASK_LIFECYCLE, from);

/** The assertion of the state itself, and attribute updates: the task stays, its attributes are recorded. */
const inPlace = (state: TaskState) => ({ [`task.${state}`]: stays(state), 'task.updated': stays(state) });

/** One agent's wrap-up or end moves the task only if that agent was the last one on it. */
const onlyTheAgentMoves = (to: 'wrapup' | 'closed') => ({ type: 'movesOnlyTheAgent' as const, params: { to } });
const agentScoped = (from: TaskState, to: 'wrapup' | 'closed') => [{ guard: onlyTheAgentMoves(to), ...stays(from) }, step(from, to)];
const resyncAgentScoped = (to: 'wrapup' | 'closed') => [{ guard: onlyTheAgentMoves(to), ...staysAnywhere }, resync(to)];

/**
 * After a conference, the agent who leaves wraps up and closes their own leg while the others
 * stay on the call. (The last agent's wrap-up, without an end seen, is a resync.)
 */
const othersStayOn = (state: TaskState) => ({
  'task.wrapup': { guard: onlyTheAgentMoves('wrapup'), ...stays(state) },
  'task.closed': { guard: onlyTheAgentMoves('closed'), ...stays(state) },
});

export const taskMachine = setup({
  types: {
    context: {} as TaskContext,
    events: {} as TaskEvent,
    input: {} as { id: string },
  },
  actions: {
    recordAssertion: assign(({ context, event }, { from, to }: AssertionParams<TaskState>) => recordTaskAssertion(context, event, from, to)),
    recordResync: recordAtRoot(TASK_STATES, recordTaskAssertion),
  },
  guards: {
    /** A conditional end (an agent left) while the task waits in the queue for a transfer. */
    isTransferPending: ({ event }) => event.unlessTransferPending === true,
    movesOnlyTheAgent: ({ context, event }, { to }: { to: 'wrapup' | 'closed' }) => movesOnlyTheAgent(context, event, to),
  },
}).createMachine({
  id: 'task',
  initial: 'new',
  context: ({ input }) => initialTaskContext(input.id),
  states: {
    new: { on: { ...inPlace('new'), ...stepsFrom('new') } },
    queued: {
      on: {
        ...inPlace('queued'),
        ...stepsFrom('queued'),
        // Abandoned in the queue, unless an agent left it there for a transfer (8x8).
        'task.ended': [{ guard: 'isTransferPending', ...stays('queued') }, step('queued', 'ended')],
      },
    },
    offered: { on: { ...inPlace('offered'), ...stepsFrom('offered') } },
    connected: { on: { ...inPlace('connected'), ...stepsFrom('connected'), ...othersStayOn('connected') } },
    held: { on: { ...inPlace('held'), ...stepsFrom('held') } },
    consulting: { on: { ...inPlace('consulting'), ...stepsFrom('consulting') } },
    conferencing: { on: { ...inPlace('conferencing'), ...stepsFrom('conferencing'), ...othersStayOn('conferencing') } },
    // Vonage: interrupted, or parked by the agent.
    suspended: { on: { ...inPlace('suspended'), ...stepsFrom('suspended') } },
    ended: {
      on: {
        ...inPlace('ended'),
        ...stepsFrom('ended'),
        'task.wrapup': agentScoped('ended', 'wrapup'),
        'task.closed': agentScoped('ended', 'closed'),
      },
    },
    // Wrap-up comes after the end: an end asserted later (the customer's channel closing a
    // moment after the agent's wrap-up started) adds its reason and party, and moves nothing.
    wrapup: {
      on: { ...inPlace('wrapup'), 'task.ended': stays('wrapup'), ...stepsFrom('wrapup'), 'task.closed': agentScoped('wrapup', 'closed') },
    },
    closed: { on: { 'task.*': stays('closed') } },
  },
  // The resync group: any assertion the current state does not list.
  on: {
    'task.new': resync('new'),
    'task.queued': resync('queued'),
    'task.offered': resync('offered'),
    'task.connected': resync('connected'),
    'task.held': resync('held'),
    'task.consulting': resync('consulting'),
    'task.conferencing': resync('conferencing'),
    'task.suspended': resync('suspended'),
    'task.ended': resync('ended'),
    'task.wrapup': resyncAgentScoped('wrapup'),
    'task.closed': resyncAgentScoped('closed'),
  },
});
