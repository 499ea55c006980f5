// The agent (DESIGN §3): loggedOut → idle ⇄ available → reserved → engaged → wrapup → back.
// Its state joins two facts: presence (asserted by agent events) and work (asserted by task
// events naming the agent). Every assertion records the facts, then settles in the state they
// resolve to; so when work ends the agent returns to the presence last asserted.
// Each state lists its nominal edges, each guarded by where the facts settle; an assertion that
// settles anywhere else bubbles up to the root-level resync group, which takes it there and
// records a gap where the lifecycle has no such step.
import { assign, setup } from 'xstate';
import type { AgentEvent } from '../src/events/canonical.js';
import { AGENT_STATES, type AgentState, WORK_STATES } from '../src/events/states.js';
import { type AgentContext, agentFactsAfter, agentStateOf, initialAgentContext, recordAgentAssertion } from './agent.context.js';

/** A nominal edge, taken when the facts after the assertion settle in `to`. */
const settles = (to: AgentState) => ({ guard: { type: 'settlesIn' as const, params: { state: to } }, target: to, actions: 'recordAssertion' as const });

/** The assertion keeps the agent where it is (another task's work, a presence change mid-call). */
const staysIf = (state: AgentState) => ({ guard: { type: 'settlesIn' as const, params: { state } }, actions: 'recordAssertion' as const });

const loggingOut = { target: 'loggedOut', actions: 'recordAssertion' as const };

/** The resync group's edges for one assertion: into whichever of `states` the facts settle in. */
const resyncInto = (states: readonly AgentState[]) =>
  states.map((state) => ({ guard: { type: 'settlesIn' as const, params: { state } }, target: `.${state}`, actions: 'recordAssertion' as const }));

export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
    input: {} as { id: string },
  },
  actions: {
    recordAssertion: assign(({ context, event }) => recordAgentAssertion(context, event)),
  },
  guards: {
    settlesIn: ({ context, event }, { state }: { state: AgentState }) => agentStateOf(agentFactsAfter(context, event)) === state,
  },
}).createMachine({
  id: 'agent',
  initial: 'loggedOut',
  context: ({ input }) => initialAgentContext(input.id),
  states: {
    loggedOut: {
      on: { 'agent.loggedIn': [settles('available'), settles('idle')] },
    },
    idle: {
      on: {
        'agent.presence': settles('available'),
        'agent.work': [settles('reserved'), settles('engaged')],
        'agent.loggedOut': loggingOut,
      },
    },
    available: {
      on: {
        'agent.presence': settles('idle'),
        'agent.work': [settles('reserved'), settles('engaged')],
        'agent.loggedOut': loggingOut,
      },
    },
    reserved: {
      on: {
        'agent.work': settles('engaged'),
        // Not answered (RONA) or declined: back to the presence.
        'agent.workEnded': [settles('available'), settles('idle')],
        'agent.loggedOut': loggingOut,
      },
    },
    engaged: {
      on: {
        'agent.work': [staysIf('engaged'), settles('wrapup')],
        // No wrap-up required.
        'agent.workEnded': [settles('available'), settles('idle')],
        'agent.loggedOut': loggingOut,
      },
    },
    wrapup: {
      on: {
        'agent.workEnded': [settles('available'), settles('idle')],
        'agent.loggedOut': loggingOut,
      },
    },
  },
  // The resync group: an assertion settling where the current state has no edge to.
  on: {
    'agent.loggedIn': resyncInto(['idle', 'available']),
    'agent.presence': resyncInto(['idle', 'available', ...WORK_STATES]),
    'agent.work': resyncInto(WORK_STATES),
    'agent.workEnded': resyncInto(AGENT_STATES),
    'agent.loggedOut': { target: '.loggedOut', actions: 'recordAssertion' },
  },
});
