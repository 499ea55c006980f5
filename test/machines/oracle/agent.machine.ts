// FROZEN ORACLE: the machine written as a complete table of assertions (every state lists every
// assertion), the reference the lifecycle-shaped machines in machines/ must equal
// (test/machines/reshape.property.test.ts). Do not edit; it shares the live context modules.
// The agent (DESIGN §3): loggedOut → idle ⇄ available → reserved → engaged → wrapup → back.
// Its state joins two facts: presence (asserted by agent events) and work (asserted by task
// events naming the agent). Every assertion records the facts, then settles in the state they
// resolve to; so when work ends the agent returns to the presence last asserted.
import { assign, setup } from 'xstate';
import type { AgentEvent } from '../../../src/events/canonical.js';
import { AGENT_STATES, type AgentState } from '../../../src/events/states.js';
import { type AgentContext, agentFactsAfter, agentStateOf, initialAgentContext, recordAgentAssertion } from '../../../machines/agent.context.js';

/**
 * The `settlesIn` guards of one transition ask the same question about the same context and
 * event, once per candidate state: answer it once (the last answer is kept, keyed by identity).
 */
let lastAsked: { context: AgentContext; event: AgentEvent; state: AgentState } | undefined;
function settledState(context: AgentContext, event: AgentEvent): AgentState {
  if (lastAsked?.context !== context || lastAsked.event !== event) {
    lastAsked = { context, event, state: agentStateOf(agentFactsAfter(context, event)) };
  }
  return lastAsked.state;
}

const settle = AGENT_STATES.map((state) => ({
  guard: { type: 'settlesIn' as const, params: { state } },
  target: `.${state}`,
  actions: 'recordAssertion' as const,
}));

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
    settlesIn: ({ context, event }, { state }: { state: AgentState }) => settledState(context, event) === state,
  },
}).createMachine({
  id: 'agent',
  initial: 'loggedOut',
  context: ({ input }) => initialAgentContext(input.id),
  on: {
    'agent.loggedIn': settle,
    'agent.loggedOut': settle,
    'agent.presence': settle,
    'agent.work': settle,
    'agent.workEnded': settle,
  },
  states: {
    loggedOut: {},
    idle: {},
    available: {},
    reserved: {},
    engaged: {},
    wrapup: {},
  },
});
