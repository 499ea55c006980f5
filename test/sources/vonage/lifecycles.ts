// fast-check arbitraries of Vonage webhook feeds: agents changing presence, and interactions
// with several parties — an unanswered offer (connection failed), hold, interrupt by other work,
// park, a second agent joining and leaving first, either side hanging up, wrap-up.
// Time steps are 0–3 ms so that same-millisecond ties are common; deliveries can be lost.
import fc from 'fast-check';
import type { TimedDelivery } from '../../../examples/disorder.js';
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
  lost: number[];
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
      steps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
      lost: fc.array(fc.nat(200), { maxLength: 4 }),
    }),
  );

/** Renders a plan into Vonage deliveries in event-time order (stable for equal times). */
export function renderVonageFeed(plan: VonageFeedPlan): TimedDelivery[] {
  const feed: TimedDelivery[] = [];
  let counter = 0;
  const agentId = (index: number) => `agent-${index}`;
  const emit = (at: number, body: Record<string, unknown>) => feed.push({ time: T0 + at, line: JSON.stringify(body) });
  const presence = (at: number, agent: number, category: string) =>
    emit(at, presenceEvent(category, { agentId: agentId(agent), at, id: `ev-${counter++}` }));

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
      emit(at, channelEvent(event, { ...options, interactionId, at, id: `ev-${counter++}`, reason: 'released' }));
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

  const lost = new Set(plan.lost);
  return feed
    .map((delivery, order) => ({ delivery, order }))
    .sort((a, b) => a.delivery.time - b.delivery.time || a.order - b.order)
    .filter((_entry, index) => !lost.has(index))
    .map(({ delivery }) => delivery);
}
