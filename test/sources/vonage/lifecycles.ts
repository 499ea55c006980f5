// fast-check arbitraries of Vonage webhook feeds: agents changing presence, and interactions
// with several parties — an unanswered offer (connection failed), hold, interrupt by other work,
// park, a second agent joining and leaving first, either side hanging up, wrap-up.
// Time steps are mostly 0 so that same-instant ties are common, in units from a millisecond to
// an hour. Each delivery carries the facts it means (DESIGN §3's Vonage row, apart from the adapter).
import fc from 'fast-check';
import type { TaskState } from '../../../src/events/states.js';
import { inTimeOrder } from '../../support/arrivals.js';
import type { Fact, PlannedDelivery, WorkOnTask } from '../../support/oracle/facts.js';
import { tieSteps, timeUnit } from '../../support/timeSteps.js';
import { channelEvent, presenceEvent, T0 } from './build.js';

interface InteractionPlan {
  start: number;
  agent: number;
  /** An agent offered the interaction first, who does not answer. */
  unanswered: number | null;
  hold: boolean;
  interrupt: boolean;
  park: boolean;
  /** A second agent who joins the interaction and leaves (wraps up, ends) before it ends. */
  second: number | null;
  endedBy: 'customer' | 'agent';
  /** Whether the agent's channel ends after wrap-up (else the feed stops in wrap-up). */
  wrapDone: boolean;
}

interface AgentPlan {
  readyAt: number;
  awayAt: number | null;
  loggedOutAt: number | null;
}

export interface VonageFeedPlan {
  agents: AgentPlan[];
  interactions: InteractionPlan[];
  steps: number[];
  /** Milliseconds per unit of time. */
  unit: number;
}

const agentPlan = fc.record({
  readyAt: fc.integer({ min: 0, max: 20 }),
  awayAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  loggedOutAt: fc.option(fc.integer({ min: 150, max: 300 }), { nil: null }),
});

const interactionPlan = (agents: number) =>
  fc.record({
    start: fc.integer({ min: 0, max: 150 }),
    agent: fc.nat(agents - 1),
    unanswered: fc.option(fc.nat(agents - 1), { nil: null }),
    hold: fc.boolean(),
    interrupt: fc.boolean(),
    park: fc.boolean(),
    second: fc.option(fc.nat(agents - 1), { nil: null }),
    endedBy: fc.constantFrom<'customer' | 'agent'>('customer', 'agent'),
    wrapDone: fc.boolean(),
  });

export const vonageFeedPlan = (options: { maxAgents?: number; maxInteractions?: number } = {}): fc.Arbitrary<VonageFeedPlan> =>
  fc.integer({ min: 1, max: options.maxAgents ?? 3 }).chain((agentCount) =>
    fc.record({
      agents: fc.array(agentPlan, { minLength: agentCount, maxLength: agentCount }),
      interactions: fc.array(interactionPlan(agentCount), { minLength: 1, maxLength: options.maxInteractions ?? 4 }),
      steps: tieSteps,
      unit: timeUnit(),
    }),
  );

/** What an event on the agent's own channel means for the task and for the agent's work on it. */
const AGENT_PARTY: Record<string, { task: TaskState | null; work?: WorkOnTask | 'done'; membership?: 'joins' | 'leaves' }> = {
  alerted: { task: 'offered', work: 'reserved', membership: 'joins' },
  connected: { task: 'connected', work: 'engaged', membership: 'joins' },
  connectionfailed: { task: 'queued', work: 'done', membership: 'leaves' },
  disconnected: { task: null },
  ended: { task: 'closed', work: 'done', membership: 'joins' },
  held: { task: 'held', work: 'engaged', membership: 'joins' },
  interrupted: { task: 'suspended', work: 'engaged', membership: 'joins' },
  parked: { task: 'suspended', work: 'engaged', membership: 'joins' },
  resumed: { task: 'connected', work: 'engaged', membership: 'joins' },
  retrieved: { task: 'connected', work: 'engaged', membership: 'joins' },
  unparked: { task: 'connected', work: 'engaged', membership: 'joins' },
  wrapstarted: { task: 'wrapup', work: 'wrapup', membership: 'joins' },
};

/** What an event on the customer's channel means for the task: hanging up ends it. */
const CUSTOMER_PARTY: Record<string, TaskState | null> = {
  alerted: null,
  connected: null,
  connectionfailed: null,
  disconnected: 'ended',
  ended: 'ended',
  held: 'held',
  interrupted: 'suspended',
  parked: 'suspended',
  resumed: 'connected',
  retrieved: 'connected',
  unparked: 'connected',
  wrapstarted: null,
};

/** An agent's presence category: ready and away are presence; logged out signs the agent out. */
const PRESENCE: Record<'ready' | 'away' | 'loggedOut', (agent: string) => Fact> = {
  ready: (agent) => ({ what: 'presence', agent, presence: 'available', endsWork: false }),
  away: (agent) => ({ what: 'presence', agent, presence: 'idle', endsWork: false }),
  loggedOut: (agent) => ({ what: 'signedOut', agent }),
};

/** Renders a plan into Vonage deliveries in event-time order (stable for equal times). */
export function renderVonageFeed(plan: VonageFeedPlan): PlannedDelivery[] {
  const feed: PlannedDelivery[] = [];
  let counter = 0;
  const agentId = (index: number) => `agent-${index}`;
  const emit = (at: number, body: Record<string, unknown>, facts: Fact[]) =>
    feed.push({ time: T0 + at, line: JSON.stringify(body), eventId: `${String(body.source)}#${String(body.id)}`, facts });
  const presence = (at: number, agent: number, category: keyof typeof PRESENCE) =>
    emit(at * plan.unit, presenceEvent(category, { agentId: agentId(agent), at: at * plan.unit, id: `ev-${counter++}` }), [PRESENCE[category](agentId(agent))]);

  plan.agents.forEach((agent, index) => {
    presence(agent.readyAt, index, 'ready');
    if (agent.awayAt !== null) {
      presence(agent.awayAt, index, 'away');
      presence(agent.awayAt + 5, index, 'ready');
    }
    if (agent.loggedOutAt !== null) presence(agent.loggedOutAt, index, 'loggedOut');
  });

  plan.interactions.forEach((interaction, index) => {
    const interactionId = `interaction-${index}`;
    let at = interaction.start;
    let step = 0;
    const next = () => (at += plan.steps[step++ % plan.steps.length]!);
    const party = (event: string, role: 'customer' | number) => {
      const options = typeof role === 'number' ? { role: 'agent', agentId: agentId(role) } : { role };
      emit(at * plan.unit, channelEvent(event, { ...options, interactionId, at: at * plan.unit, id: `ev-${counter++}`, reason: 'released' }), factsOf(event, role));
    };
    const factsOf = (event: string, role: 'customer' | number): Fact[] => {
      if (role === 'customer') return [{ what: 'task', task: interactionId, state: CUSTOMER_PARTY[event]! }];
      const { task, work, membership } = AGENT_PARTY[event]!;
      const agent = agentId(role);
      const taskFact: Fact = { what: 'task', task: interactionId, state: task, ...(membership ? { agent } : {}), ...(membership === 'leaves' ? { leaves: true as const } : {}) };
      if (work === undefined) return [taskFact];
      return [taskFact, work === 'done' ? { what: 'workDone', agent, task: interactionId } : { what: 'work', agent, task: interactionId, work }];
    };
    /** The next step of the interaction: time moves on, then the parties' channels change. */
    const then = (event: string, ...roles: ('customer' | number)[]) => {
      next();
      for (const role of roles) party(event, role);
    };
    const { agent, second, unanswered } = interaction;

    party('alerted', 'customer');
    party('connected', 'customer');
    if (unanswered !== null) {
      then('alerted', unanswered);
      then('connectionfailed', unanswered);
      // Every channel ends, a failed one too.
      then('ended', unanswered);
    }
    then('alerted', agent);
    then('connected', agent);
    if (interaction.hold) {
      then('held', 'customer');
      then('retrieved', 'customer');
    }
    if (interaction.interrupt) {
      then('interrupted', agent, 'customer');
      then('resumed', agent, 'customer');
    }
    if (second !== null) {
      then('alerted', second);
      then('connected', second);
      then('disconnected', second);
      party('wrapstarted', second);
      then('ended', second);
    }
    if (interaction.park) {
      then('parked', agent, 'customer');
      then('unparked', agent, 'customer');
    }
    const hangUps = [
      () => ['disconnected', 'ended'].forEach((event) => party(event, 'customer')),
      () => ['disconnected', 'wrapstarted'].forEach((event) => party(event, agent)),
    ];
    next();
    (interaction.endedBy === 'customer' ? hangUps : hangUps.reverse()).forEach((hangUp) => hangUp());
    if (interaction.wrapDone) then('ended', agent);
  });

  return inTimeOrder(feed);
}
