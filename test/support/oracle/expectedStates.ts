// The independent oracle: the states a feed's plan says every agent, channel and task ends in,
// computed from the facts the generator meant (facts.ts) and nothing of the engine — no machine,
// no adapter, no ledger. Per entity, the facts fold in key order (event time, then lifecycle
// order, then event id: DESIGN §4), and the fold is DESIGN §3 read directly: the last asserted
// state, an agent's presence and work joined, participants deciding when a task closes.
import { CHANNEL_TYPES, type AgentState, type ChannelState, type ChannelType, type TaskState } from '../../../src/events/states.js';
import type { Fact, LoggedIn, PlannedDelivery, WorkOnTask } from './facts.js';
import { inWorkPathOrder } from './workPaths.js';

interface ExpectedAgent {
  state: AgentState;
  channels: Record<ChannelType, ChannelState>;
  /** The tasks the agent works on (reserved, engaged or wrapping up), sorted. */
  tasks: string[];
}

export interface ExpectedStates {
  agents: Record<string, ExpectedAgent>;
  tasks: Record<string, TaskState>;
}

interface TimedFact {
  fact: Fact;
  time: number;
  eventId: string | undefined;
  /** Position in the plan: the tie-break where event ids are derived (unknown to the plan). */
  order: number;
}

export function expectedStates(deliveries: readonly PlannedDelivery[]): ExpectedStates {
  const byEntity = new Map<string, TimedFact[]>();
  let order = 0;
  // The same bytes twice are one event sent twice (a derived id is a hash of the content).
  const seen = new Set<string>();
  for (const delivery of deliveries) {
    if (seen.has(delivery.line)) continue;
    seen.add(delivery.line);
    for (const fact of delivery.facts) {
      const entity = entityOf(fact);
      const facts = byEntity.get(entity) ?? [];
      facts.push({ fact, time: delivery.time, eventId: delivery.eventId, order: order++ });
      byEntity.set(entity, facts);
    }
  }
  const agents: Record<string, AgentModel> = {};
  const channels: Record<string, ChannelState> = {};
  const tasks: Record<string, TaskModel> = {};
  for (const [entity, facts] of byEntity) {
    const inKeyOrder = facts.sort(byKey);
    const inFoldOrder = entity.startsWith('agent:') ? agentFoldOrder(inKeyOrder) : inKeyOrder;
    for (const { fact } of inFoldOrder) {
      if (fact.what === 'task') tasks[fact.task] = taskAfter(tasks[fact.task] ?? NEW_TASK, fact);
      else if (fact.what === 'channel') channels[entity] = fact.state;
      else agents[fact.agent] = agentAfter(agents[fact.agent] ?? NEW_AGENT, fact);
    }
    if (entity.startsWith('channel:')) agents[agentOfChannel(entity)] ??= NEW_AGENT;
  }
  return {
    agents: Object.fromEntries(
      Object.entries(agents).map(([agent, model]) => [
        agent,
        {
          state: agentState(model),
          channels: Object.fromEntries(CHANNEL_TYPES.map((type) => [type, channels[`channel:${agent}/${type}`] ?? 'loggedOut'])) as ExpectedAgent['channels'],
          tasks: Object.keys(model.work).filter((task) => task !== '').sort(),
        },
      ]),
    ),
    tasks: Object.fromEntries(Object.entries(tasks).map(([task, model]) => [task, model.state])),
  };
}

/** The entity a fact is about, as `kind:id`. */
export const entityOf = (fact: Fact): string =>
  fact.what === 'task' ? `task:${fact.task}` : fact.what === 'channel' ? `channel:${fact.agent}/${fact.channel}` : `agent:${fact.agent}`;

const agentOfChannel = (entity: string): string => entity.slice('channel:'.length, entity.lastIndexOf('/'));

// Lifecycle order within one instant (DESIGN §4 and docs/decisions.md): work ending before
// new work, `held` before `connected`, attributes after the state asserted with them.
const AGENT_ORDER = { signedIn: 0, presence: 1, workDone: 2, reserved: 3, engaged: 4, wrapup: 5, signedOut: 7 };
const CHANNEL_ORDER: ChannelState[] = ['idle', 'available', 'reserved', 'engaged', 'engagedOther', 'wrapup', 'loggedOut'];
const TASK_ORDER: (TaskState | null)[] = ['new', 'queued', 'offered', 'held', 'connected', 'consulting', 'conferencing', 'suspended', 'ended', 'wrapup', 'closed', null];

/** A fact's place among same-instant facts about its entity. */
function lifecycleOrder(fact: Fact): number {
  switch (fact.what) {
    case 'task':
      return TASK_ORDER.indexOf(fact.state);
    case 'channel':
      return CHANNEL_ORDER.indexOf(fact.state);
    case 'work':
      return AGENT_ORDER[fact.work];
    default:
      return AGENT_ORDER[fact.what];
  }
}

function byKey(a: TimedFact, b: TimedFact): number {
  if (a.time !== b.time) return a.time - b.time;
  const lifecycle = lifecycleOrder(a.fact) - lifecycleOrder(b.fact);
  if (lifecycle !== 0) return lifecycle;
  if (a.eventId !== undefined && b.eventId !== undefined && a.eventId !== b.eventId) return a.eventId < b.eventId ? -1 : 1;
  return a.order - b.order;
}

/**
 * An agent's facts in the order they fold: each instant's in work-path order (DESIGN §4.7), from
 * the work the agent had before it (folding the instants before it on the way).
 */
function agentFoldOrder(inKeyOrder: TimedFact[]): TimedFact[] {
  const ordered: TimedFact[] = [];
  let model = NEW_AGENT;
  for (let start = 0; start < inKeyOrder.length; ) {
    let end = start + 1;
    while (end < inKeyOrder.length && inKeyOrder[end]!.time === inKeyOrder[start]!.time) end++;
    const work = model.work;
    const instant = inWorkPathOrder(inKeyOrder.slice(start, end), (task) => work[task] ?? 'none');
    for (const { fact } of instant) model = agentAfter(model, fact);
    ordered.push(...instant);
    start = end;
  }
  return ordered;
}

// An agent: presence (asserted by agent events) and work per task (asserted by task events).
interface AgentModel {
  presence: LoggedIn | 'loggedOut';
  work: Record<string, WorkOnTask>;
}

const NEW_AGENT: AgentModel = { presence: 'loggedOut', work: {} };

function agentAfter(agent: AgentModel, fact: Fact): AgentModel {
  switch (fact.what) {
    case 'signedIn':
      return { presence: fact.presence, work: {} };
    case 'signedOut':
      return { presence: 'loggedOut', work: {} };
    case 'presence':
      return { presence: fact.presence, work: fact.endsWork ? {} : agent.work };
    case 'work':
      // Work heard of an agent not signed in: the sign-in was lost, the agent is at least idle.
      return { presence: agent.presence === 'loggedOut' ? 'idle' : agent.presence, work: { ...agent.work, [fact.task]: fact.work } };
    case 'workDone': {
      const { [fact.task]: _done, ...work } = agent.work;
      return { presence: fact.presence ?? agent.presence, work };
    }
    default:
      throw new Error(`not an agent fact: ${JSON.stringify(fact)}`);
  }
}

/** Signed out is signed out; otherwise the most demanding work, else the presence to return to. */
function agentState({ presence, work }: AgentModel): AgentState {
  if (presence === 'loggedOut') return 'loggedOut';
  const working = Object.values(work);
  return (['engaged', 'reserved', 'wrapup'] as const).find((state) => working.includes(state)) ?? presence;
}

// A task: the last asserted state, where participants decide wrap-up and close (docs/decisions.md: an
// agent's own wrap-up or close moves the task only when nobody else still works on it).
type Participation = 'working' | 'wrapup' | 'done' | 'left';

interface TaskModel {
  state: TaskState;
  participants: Record<string, Participation>;
}

const NEW_TASK: TaskModel = { state: 'new', participants: {} };

function taskAfter(task: TaskModel, fact: Fact): TaskModel {
  if (fact.what !== 'task') throw new Error(`not a task fact: ${JSON.stringify(fact)}`);
  return { state: stateAfter(task, fact), participants: participantsAfter(task.participants, fact) };
}

function stateAfter(task: TaskModel, fact: Extract<Fact, { what: 'task' }>): TaskState {
  const { state } = task;
  // Closed absorbs whatever comes after (a capture after the end); so does an attributes update.
  if (state === 'closed' || fact.state === null) return state;
  if (fact.state === 'ended') {
    if (state === 'wrapup') return state;
    if (state === 'queued' && fact.unlessTransferPending) return state;
  }
  if ((fact.state === 'wrapup' || fact.state === 'closed') && fact.agent && !fact.leaves) {
    const own = task.participants[fact.agent];
    const othersStillOn = Object.entries(task.participants).some(
      ([agent, where]) => agent !== fact.agent && (where === 'working' || (fact.state === 'closed' && where === 'wrapup')),
    );
    if (own === 'left' || othersStillOn) return state;
  }
  return fact.state;
}

function participantsAfter(participants: Record<string, Participation>, fact: Extract<Fact, { what: 'task' }>): Record<string, Participation> {
  if (!fact.agent) return participants;
  const wrapping = fact.state === 'wrapup' ? 'wrapup' : fact.state === 'closed' ? 'done' : undefined;
  let where: Participation = fact.leaves ? 'left' : (wrapping ?? 'working');
  // An agent who left the task unanswered and then closes their own leg stays out of it.
  if (participants[fact.agent] === 'left' && wrapping) where = 'left';
  return { ...participants, [fact.agent]: where };
}
