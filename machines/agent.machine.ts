// The agent (DESIGN §3): loggedOut → idle ⇄ available → reserved → engaged → wrapup → back.
// Its state joins two facts: presence (asserted by agent events) and work (asserted by task
// events naming the agent). Every assertion records the facts, then settles in the state they
// resolve to; so when work ends the agent returns to the presence last asserted.
// Each state's nominal edges are AGENT_EDGES' (agent.context.ts, the one place they are written),
// each guarded by where the facts settle; an assertion that settles anywhere else bubbles up to
// the root-level resync group, which takes it there and records a gap where the lifecycle has no
// such step.
import { assign, setup } from 'xstate';
import type { AgentEvent } from '../src/events/canonical.js';
import { AGENT_STATES, type AgentState, WORK_STATES } from '../src/events/states.js';
import { AGENT_EDGES, type AgentContext, agentFactsAfter, agentStateOf, initialAgentContext, recordAgentAssertion } from './agent.context.js';

/** A nominal edge, taken when the facts after the assertion settle in `to`. */
const settles = (to: AgentState) => ({ guard: { type: 'settlesIn' as const, params: { state: to } }, target: to, actions: 'recordAssertion' as const });

/** The assertion keeps the agent where it is (another task's work, a presence change mid-call). */
const staysIf = (state: AgentState) => ({ guard: { type: 'settlesIn' as const, params: { state } }, actions: 'recordAssertion' as const });

type AgentEdge = ReturnType<typeof settles> | ReturnType<typeof staysIf>;

/** A state's edges as AGENT_EDGES lists them: into each state the facts may settle in (into itself: it stays). */
const edgesFrom = (from: AgentState): Partial<Record<AgentEvent['type'], AgentEdge[]>> =>
  Object.fromEntries(Object.entries(AGENT_EDGES[from]).map(([event, targets]) => [event, targets.map((to) => (to === from ? staysIf(from) : settles(to)))]));

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
  // Every state lists its own edges.
  states: Object.fromEntries(AGENT_STATES.map((state) => [state, { on: edgesFrom(state) }])),
  // The resync group: an assertion settling where the current state has no edge to.
  on: {
    'agent.loggedIn': resyncInto(['idle', 'available']),
    'agent.presence': resyncInto(['idle', 'available', ...WORK_STATES]),
    'agent.work': resyncInto(WORK_STATES),
    'agent.workEnded': resyncInto(AGENT_STATES),
    'agent.loggedOut': { target: '.loggedOut', actions: 'recordAssertion' },
  },
});
