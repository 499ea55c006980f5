// The agent's context: two facts, presence and work (DESIGN §3), and the state they resolve to.
import type { AgentAttributes, AgentEvent, IdleCode } from '../src/events/canonical.js';
import type { AgentState, Presence, Work } from '../src/events/states.js';
import { type GapRecord, type Lifecycle, noGaps, withGapIfSkipped } from './gaps.js';
import { assertNever } from '../src/assertNever.js';

/**
 * The agent's nominal edges, the one place they are written: in each state, the assertions that
 * move it and the states their facts may settle in (the state itself: the assertion keeps the
 * agent there). The machine's chart draws exactly these (agent.machine.ts reads them); an
 * assertion that settles anywhere else is a resync, and a gap unless AGENT_LIFECYCLE has the step.
 */
export const AGENT_EDGES: Record<AgentState, Partial<Record<AgentEvent['type'], readonly AgentState[]>>> = {
  loggedOut: { 'agent.loggedIn': ['available', 'idle'] },
  idle: { 'agent.presence': ['available'], 'agent.work': ['reserved', 'engaged'], 'agent.loggedOut': ['loggedOut'] },
  available: { 'agent.presence': ['idle'], 'agent.work': ['reserved', 'engaged'], 'agent.loggedOut': ['loggedOut'] },
  // Not answered (RONA) or declined: back to the presence.
  reserved: { 'agent.work': ['engaged'], 'agent.workEnded': ['available', 'idle'], 'agent.loggedOut': ['loggedOut'] },
  // The work of another task keeps the call showing; a call ended without wrap-up goes back to
  // the presence, or to another task's offer still ringing.
  engaged: {
    'agent.work': ['engaged', 'wrapup', 'reserved'],
    'agent.workEnded': ['available', 'idle', 'reserved'],
    'agent.loggedOut': ['loggedOut'],
  },
  // Another task offered or answered during wrap-up shows over it.
  wrapup: { 'agent.work': ['reserved', 'engaged'], 'agent.workEnded': ['available', 'idle'], 'agent.loggedOut': ['loggedOut'] },
};

/** A state's legal successors: the targets of its nominal edges, other than itself. */
const successorsOf = (from: AgentState) => [...new Set(Object.values(AGENT_EDGES[from]).flat())].filter((to) => to !== from);

/** The nominal lifecycle, taken from AGENT_EDGES: each state's legal successors. Anything else is a gap. */
export const AGENT_LIFECYCLE: Lifecycle<AgentState> = {
  loggedOut: successorsOf('loggedOut'),
  idle: successorsOf('idle'),
  available: successorsOf('available'),
  reserved: successorsOf('reserved'),
  engaged: successorsOf('engaged'),
  wrapup: successorsOf('wrapup'),
};

export interface AgentContext extends GapRecord<AgentState> {
  agentId: string;
  /** The presence last asserted; the agent returns to it when work ends. */
  presence: Presence;
  /** Work per task id ('' when the source does not name the task). */
  work: Record<string, Work>;
  idleCode: IdleCode | null;
  attributes: AgentAttributes;
  /** Event time of the last change of state. */
  since: number | null;
}

export const initialAgentContext = (agentId: string): AgentContext => ({
  agentId,
  presence: 'loggedOut',
  work: {},
  idleCode: null,
  attributes: {},
  since: null,
  gaps: noGaps(),
  gapCount: 0,
});

/** While the agent has work the state shows the most demanding work, else the presence. */
const WORK_PRECEDENCE: readonly Work[] = ['engaged', 'reserved', 'wrapup'];

/** Where each task's work stands: what the ledger's tie rule reads (src/ledger/sameInstantOrder.ts). */
export const agentWork = (context: AgentContext): Readonly<Record<string, Work>> => context.work;

export function agentStateOf(context: Pick<AgentContext, 'presence' | 'work'>): AgentState {
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a logged-out agent has no work (test/README.md)
  if (context.presence === 'loggedOut') return 'loggedOut';
  const work = Object.values(context.work);
  return WORK_PRECEDENCE.find((candidate) => work.includes(candidate)) ?? context.presence;
}

/** The facts after an assertion, before the state is resolved from them. */
export function agentFactsAfter(context: AgentContext, event: AgentEvent): Pick<AgentContext, 'presence' | 'work'> {
  switch (event.type) {
    case 'agent.loggedIn':
      return { presence: event.presence, work: {} };
    case 'agent.loggedOut':
      return { presence: 'loggedOut', work: {} };
    case 'agent.presence':
      return { presence: event.presence, work: event.endsWork ? {} : context.work };
    case 'agent.work':
      // Work asserted without a login implies the agent is logged in (the login was lost).
      return {
        presence: context.presence === 'loggedOut' ? 'idle' : context.presence,
        work: { ...context.work, [event.taskId]: event.work },
      };
    case 'agent.workEnded': {
      const { [event.taskId]: _ended, ...work } = context.work;
      return { presence: event.presence ?? context.presence, work };
    }
    default:
      return assertNever(event, 'agent assertion');
  }
}

export function recordAgentAssertion(context: AgentContext, event: AgentEvent): AgentContext {
  const from = agentStateOf(context);
  const facts = agentFactsAfter(context, event);
  const to = agentStateOf(facts);
  // The idle code belongs to the idle presence: kept through work, dropped when presence changes.
  const idleCode = 'idleCode' in event && event.idleCode ? event.idleCode : facts.presence === 'idle' ? context.idleCode : null;
  const next: AgentContext = {
    ...context,
    ...facts,
    idleCode,
    attributes: event.attributes ? { ...context.attributes, ...event.attributes } : context.attributes,
    since: from === to && context.since !== null ? context.since : event.time,
  };
  // The first assertion is no gap: listening may start while an agent is already at work, and
  // some sources (8x8 chat) never assert presence at all.
  if (context.since === null) return next;
  return withGapIfSkipped(next, AGENT_LIFECYCLE, { from, to, at: event.time, eventId: event.id });
}
