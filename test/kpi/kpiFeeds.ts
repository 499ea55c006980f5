// fast-check feeds for the KPI properties: agents logging in, taking a break, and tasks in queue
// q1 that are answered (rung, held, wrapped up), abandoned, or never end — as Webex webhooks, each
// delivery with the facts it means for the oracle (kpiOracle.ts). Every step has its own instant
// (a task's event and its agent's are the same step), so nothing here hangs on same-instant ties.
import fc from 'fast-check';
import type { TimedDelivery } from '../../examples/disorder.js';
import * as webhook from '../../examples/webex/webhooks.js';
import type { TaskState } from '../../src/events/states.js';
import { inTimeOrder } from '../support/arrivals.js';

export const FEED_START = Date.UTC(2026, 10, 2, 9, 0, 0);
const SECOND = 1000;

export type KpiFact =
  | { about: 'task'; task: string; state: TaskState; queue?: { queueId: string; channelType: string } }
  | { about: 'agent'; agent: string; does: 'login' | 'logout' }
  | { about: 'agent'; agent: string; does: 'presence'; presence: 'idle' | 'available'; idleCode: string | null }
  | { about: 'agent'; agent: string; does: 'work'; task: string; work: 'reserved' | 'engaged' | 'wrapup' }
  | { about: 'agent'; agent: string; does: 'workDone'; task: string };

export interface KpiDelivery extends TimedDelivery {
  facts: KpiFact[];
}

interface TaskPlan {
  start: number;
  channelType: 'telephony' | 'chat';
  outcome: 'answered' | 'abandoned' | 'waiting' | 'talking';
  agent: number;
  waitS: number;
  ringS: number | null;
  talkS: number;
  holdS: number | null;
  wrapS: number;
}

interface AgentPlan {
  breakAt: number | null;
  breakS: number;
  logoutAt: number | null;
}

export interface KpiFeedPlan {
  agents: AgentPlan[];
  tasks: TaskPlan[];
}

const taskPlan = (agents: number): fc.Arbitrary<TaskPlan> =>
  fc.record({
    start: fc.integer({ min: 0, max: 5400 }),
    channelType: fc.constantFrom('telephony', 'chat'),
    outcome: fc.constantFrom('answered', 'answered', 'abandoned', 'waiting', 'talking'),
    agent: fc.nat(agents - 1),
    // Around the default thresholds: 5 s short abandon, 20 s service level.
    waitS: fc.oneof(fc.constantFrom(0, 4, 5, 19, 20, 21), fc.integer({ min: 0, max: 1200 })),
    ringS: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
    talkS: fc.integer({ min: 1, max: 1800 }),
    holdS: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
    wrapS: fc.integer({ min: 1, max: 120 }),
  });

const agentPlan: fc.Arbitrary<AgentPlan> = fc.record({
  breakAt: fc.option(fc.integer({ min: 60, max: 5400 }), { nil: null }),
  breakS: fc.integer({ min: 1, max: 1800 }),
  logoutAt: fc.option(fc.integer({ min: 3600, max: 9000 }), { nil: null }),
});

export const kpiFeedPlan = (options: { maxAgents?: number; maxTasks?: number } = {}): fc.Arbitrary<KpiFeedPlan> =>
  fc.integer({ min: 1, max: options.maxAgents ?? 3 }).chain((agents) =>
    fc.record({
      agents: fc.array(agentPlan, { minLength: agents, maxLength: agents }),
      tasks: fc.array(taskPlan(agents), { minLength: 1, maxLength: options.maxTasks ?? 8 }),
    }),
  );

/** Renders a plan into Webex deliveries in event-time order. */
export function renderKpiFeed(plan: KpiFeedPlan): KpiDelivery[] {
  const feed: KpiDelivery[] = [];
  const used = new Set<number>();
  let counter = 0;
  /** A free instant at or just after `seconds` (a millisecond later per step already there). */
  const instant = (seconds: number): number => {
    let time = FEED_START + seconds * SECOND;
    while (used.has(time)) time++;
    used.add(time);
    return time;
  };
  const emit = (time: number, body: (id: string) => webhook.WebexBody, ...facts: KpiFact[]) =>
    feed.push({ time, line: JSON.stringify(body(`ev-${counter++}`)), facts });
  const agentId = (index: number) => `agent-${index}`;

  plan.agents.forEach((agent, index) => {
    const id = agentId(index);
    const login = instant(0);
    emit(login, (eventId) => webhook.agentLogin(eventId, login, id, 'team-1', true), { about: 'agent', agent: id, does: 'login' });
    if (agent.breakAt !== null) {
      const from = instant(agent.breakAt);
      emit(from, (eventId) => webhook.agentStateChange(eventId, from, id, 'idle', { idleCodeId: 'lunch' }), { about: 'agent', agent: id, does: 'presence', presence: 'idle', idleCode: 'lunch' });
      const to = instant(agent.breakAt + agent.breakS);
      emit(to, (eventId) => webhook.agentStateChange(eventId, to, id, 'available'), { about: 'agent', agent: id, does: 'presence', presence: 'available', idleCode: null });
    }
    if (agent.logoutAt !== null) {
      const at = instant(agent.logoutAt);
      emit(at, (eventId) => webhook.agentLogout(eventId, at, id), { about: 'agent', agent: id, does: 'logout' });
    }
  });

  plan.tasks.forEach((task, index) => {
    const taskId = `task-${index}`;
    const queue = { queueId: 'q1', channelType: task.channelType };
    const agent = agentId(task.agent);
    let seconds = task.start;
    const taskEvent = (time: number, type: webhook.WebexTaskType, state: TaskState) =>
      emit(time, (eventId) => webhook.taskEvent(eventId, time, type, taskId, { ...queue, direction: 'INBOUND' }), { about: 'task', task: taskId, state, queue });
    const agentStep = (time: number, state: webhook.WebexAgentStateName, taskState: TaskState, fact: KpiFact) =>
      emit(time, (eventId) => webhook.agentStateChange(eventId, time, agent, state, { taskId }), fact, { about: 'task', task: taskId, state: taskState });
    const work = (work: 'reserved' | 'engaged' | 'wrapup'): KpiFact => ({ about: 'agent', agent, does: 'work', task: taskId, work });

    const queued = instant(seconds);
    taskEvent(queued, 'task:new', 'new');
    taskEvent(queued, 'task:parked', 'queued');
    seconds += task.waitS;
    if (task.outcome === 'waiting') return;
    if (task.outcome === 'abandoned') {
      taskEvent(instant(seconds), 'task:ended', 'ended');
      return;
    }
    if (task.ringS !== null) {
      const ring = instant(seconds - Math.min(task.ringS, task.waitS));
      taskEvent(ring, 'task:connect', 'offered');
      agentStep(ring, 'ringing', 'offered', work('reserved'));
    }
    const answered = instant(seconds);
    taskEvent(answered, 'task:connected', 'connected');
    agentStep(answered, 'connected', 'connected', work('engaged'));
    if (task.holdS !== null) {
      const hold = instant((seconds += Math.ceil(task.talkS / 2)));
      taskEvent(hold, 'task:on-hold', 'held');
      agentStep(hold, 'on-hold', 'held', work('engaged'));
      const back = instant((seconds += task.holdS));
      taskEvent(back, 'task:hold-done', 'connected');
      agentStep(back, 'hold-done', 'connected', work('engaged'));
    }
    if (task.outcome === 'talking') return;
    const ended = instant((seconds += task.talkS));
    taskEvent(ended, 'task:ended', 'ended');
    agentStep(ended, 'wrapup', 'wrapup', work('wrapup'));
    const closed = instant((seconds += task.wrapS));
    agentStep(closed, 'wrapup-done', 'closed', { about: 'agent', agent, does: 'workDone', task: taskId });
  });

  return inTimeOrder(feed);
}
