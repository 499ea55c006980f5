// Simulates a Webex contact center: agents log in, take calls and chats from queues, hold,
// consult, conference, miss offers (RONA), wrap up, take breaks; recordings arrive after the end.
// Deterministic for a seed. Returns the webhook deliveries in event-time order.
import type { TimedDelivery } from '../disorder.js';
import { type Random, seededRandom } from '../random.js';
import * as webhook from './webhooks.js';

export interface SimulationOptions {
  agents: number;
  tasks: number;
  durationMs: number;
  seed: number;
  /** Epoch ms of the first event. */
  start?: number;
}

const SECOND = 1000;
const QUEUES = ['AXlp8E3f-sales', 'AXlp8E3f-support', 'AXlp8E3f-billing'];
const IDLE_CODES = ['lunch', 'meeting', 'training'];

interface Agent {
  id: string;
  team: string;
  freeAt: number;
}

export function simulateContactCenter(options: SimulationOptions): TimedDelivery[] {
  const random = seededRandom(options.seed);
  const start = options.start ?? Date.UTC(2026, 10, 2, 9, 0, 0);
  const feed: TimedDelivery[] = [];
  let eventNumber = 0;
  const emit = (time: number, build: (id: string) => webhook.WebexBody) => {
    const id = `${options.seed.toString(16)}-${(eventNumber++).toString(16).padStart(8, '0')}`;
    feed.push({ time, line: JSON.stringify(build(id)) });
  };

  const agents: Agent[] = Array.from({ length: options.agents }, (_, index) => ({
    id: `agent-${String(index + 1).padStart(4, '0')}`,
    team: `team-${(index % 5) + 1}`,
    freeAt: start + random.int(0, 120) * SECOND,
  }));
  for (const agent of agents) {
    emit(agent.freeAt, (id) => webhook.agentLogin(id, agent.freeAt, agent.id, agent.team, true));
    emit(agent.freeAt, (id) => webhook.channelStateChange(id, agent.freeAt, agent.id, 'telephony', 'Available'));
    emit(agent.freeAt, (id) => webhook.channelStateChange(id, agent.freeAt, agent.id, 'chat', 'Available'));
  }

  const end = start + options.durationMs;
  for (let index = 0; index < options.tasks; index++) {
    const arrival = start + Math.floor(((index + random.next()) / options.tasks) * options.durationMs);
    simulateTask(`task-${String(index + 1).padStart(6, '0')}`, arrival, agents, random, emit);
  }
  for (const agent of agents) {
    if (random.chance(0.3)) {
      const time = Math.max(agent.freeAt, end - 5 * 60 * SECOND) + random.int(1, 60) * SECOND;
      emit(time, (id) => webhook.agentLogout(id, time, agent.id));
    }
  }
  // The feed stops at the end of the period, mid-activity, as a live feed read at that moment would.
  return feed.filter((delivery) => delivery.time <= end).sort((a, b) => a.time - b.time);
}

type Emit = (time: number, build: (id: string) => webhook.WebexBody) => void;

function simulateTask(taskId: string, arrival: number, agents: Agent[], random: Random, emit: Emit): void {
  const channelType = random.chance(0.8) ? 'telephony' : 'chat';
  const fields: webhook.WebexTaskFields = {
    channelType,
    direction: 'INBOUND',
    origin: `+1555${random.int(1000000, 9999999)}`,
    destination: '+18005550100',
    queueId: random.pick(QUEUES),
  };
  let time = arrival;
  emit(time, (id) => webhook.taskEvent(id, time, 'task:new', taskId, fields));
  time += random.int(1, 3) * SECOND;
  emit(time, (id) => webhook.taskEvent(id, time, 'task:parked', taskId, fields));

  let agent = nextFreeAgent(agents, time);
  time = Math.max(time, agent.freeAt) + random.int(2, 40) * SECOND;
  const channel = channelType as 'telephony' | 'chat';
  const state = (name: webhook.WebexAgentStateName, who: Agent, at: number) =>
    emit(at, (id) => webhook.agentStateChange(id, at, who.id, name, { taskId, queueId: fields.queueId }));

  if (random.chance(0.08)) {
    // RONA: offered to an agent who does not answer; the task goes back to the queue.
    emit(time, (id) => webhook.taskEvent(id, time, 'task:connect', taskId, fields));
    state('ringing', agent, time);
    const missed = agent;
    time += 15 * SECOND;
    state('not-responding', missed, time);
    emit(time, (id) => webhook.taskEvent(id, time, 'task:parked', taskId, fields));
    missed.freeAt = time + 60 * SECOND;
    agent = nextFreeAgent(agents.filter((candidate) => candidate !== missed), time);
    time = Math.max(time, agent.freeAt) + random.int(2, 20) * SECOND;
  }
  emit(time, (id) => webhook.taskEvent(id, time, 'task:connect', taskId, fields));
  state('ringing', agent, time);
  emit(time, (id) => webhook.channelStateChange(id, time, agent.id, channel, 'Reserved'));
  time += random.int(2, 8) * SECOND;
  emit(time, (id) => webhook.taskEvent(id, time, 'task:connected', taskId, fields));
  state('connected', agent, time);
  emit(time, (id) => webhook.channelStateChange(id, time, agent.id, channel, 'Engaged'));
  time += random.int(20, 240) * SECOND;

  if (random.chance(0.25)) {
    emit(time, (id) => webhook.taskEvent(id, time, 'task:on-hold', taskId, fields));
    state('on-hold', agent, time);
    time += random.int(10, 90) * SECOND;
    emit(time, (id) => webhook.taskEvent(id, time, 'task:hold-done', taskId, fields));
    state('hold-done', agent, time);
    time += random.int(10, 120) * SECOND;
  }
  let end = time;
  if (random.chance(0.12)) {
    const expert = nextFreeAgent(agents.filter((candidate) => candidate !== agent), time);
    emit(time, (id) => webhook.taskEvent(id, time, 'task:consulting', taskId, fields));
    state('consulting', agent, time);
    time += random.int(20, 120) * SECOND;
    if (random.chance(0.5)) {
      emit(time, (id) => webhook.taskEvent(id, time, 'task:conferencing', taskId, fields));
      state('conferencing', agent, time);
      state('conferencing', expert, time);
      time += random.int(30, 180) * SECOND;
      emit(time, (id) => webhook.taskEvent(id, time, 'task:conference-done', taskId, fields));
      state('wrapup', expert, time);
      const at = time + 20 * SECOND;
      state('wrapup-done', expert, at);
      expert.freeAt = Math.max(expert.freeAt, at);
    } else {
      emit(time, (id) => webhook.taskEvent(id, time, 'task:consult-done', taskId, fields));
      state('consult-done', agent, time);
      time += random.int(5, 30) * SECOND;
      emit(time, (id) => webhook.taskEvent(id, time, 'task:hold-done', taskId, fields));
      state('hold-done', agent, time);
    }
    time += random.int(20, 120) * SECOND;
    end = time;
  }
  const ended = { ...fields, terminatingParty: random.chance(0.7) ? ('Customer' as const) : ('Agent' as const) };
  emit(end, (id) =>
    webhook.taskEvent(id, end, 'task:ended', taskId, { ...ended, reason: ended.terminatingParty === 'Customer' ? 'Customer left' : 'Agent left' }),
  );
  state('wrapup', agent, end);
  emit(end, (id) => webhook.channelStateChange(id, end, agent.id, channel, 'WrapUp'));
  const wrapped = end + random.int(10, 90) * SECOND;
  state('wrapup-done', agent, wrapped);
  emit(wrapped, (id) => webhook.channelStateChange(id, wrapped, agent.id, channel, 'Available'));
  agent.freeAt = wrapped;
  if (channelType === 'telephony') {
    const at = end + random.int(30, 300) * SECOND;
    emit(at, (id) => webhook.captureAvailable(id, at, taskId));
  }
  if (random.chance(0.1)) takeBreak(agent, wrapped, random, emit);
}

function takeBreak(agent: Agent, from: number, random: Random, emit: Emit): void {
  const code = random.pick(IDLE_CODES);
  const start = from + SECOND;
  const back = start + random.int(60, 600) * SECOND;
  emit(start, (id) => webhook.agentStateChange(id, start, agent.id, 'idle', { idleCodeId: code }));
  emit(start, (id) => webhook.channelStateChange(id, start, agent.id, 'telephony', 'Idle', code));
  emit(back, (id) => webhook.agentStateChange(id, back, agent.id, 'available'));
  emit(back, (id) => webhook.channelStateChange(id, back, agent.id, 'telephony', 'Available'));
  agent.freeAt = back;
}

function nextFreeAgent(agents: Agent[], time: number): Agent {
  let best = agents[0]!;
  for (const agent of agents) {
    if (agent.freeAt <= time) return agent;
    if (agent.freeAt < best.freeAt) best = agent;
  }
  return best;
}
