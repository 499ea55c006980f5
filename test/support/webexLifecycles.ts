// fast-check arbitraries of Webex webhook feeds: agents logging in and out, taking breaks, and
// tasks with RONA, hold, consult, conference, transfer, failure and captures after the end.
// Time steps are 0–3 ms so that same-millisecond ties are common; deliveries can be lost.
import fc from 'fast-check';
import type { TimedDelivery } from '../../examples/disorder.js';
import * as webhook from '../../examples/webex/webhooks.js';
import { deliveredInTimeOrder } from './arrivals.js';

interface TaskPlan {
  start: number;
  agent: number;
  expert: number;
  rona: boolean;
  hold: boolean;
  collaboration: 'none' | 'consult' | 'conference' | 'transfer';
  failed: boolean;
  endedBy: 'Customer' | 'Agent';
  capture: boolean;
}

interface AgentPlan {
  loginAt: number;
  available: boolean;
  breakAt: number | null;
  logoutAt: number | null;
}

export interface FeedPlan {
  agents: AgentPlan[];
  tasks: TaskPlan[];
  /** Time steps between a task's consecutive events, cycled. */
  steps: number[];
  /** Indexes of deliveries that are lost (never delivered). */
  lost: number[];
}

const agentPlan = fc.record({
  loginAt: fc.integer({ min: 0, max: 20 }),
  available: fc.boolean(),
  breakAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  logoutAt: fc.option(fc.integer({ min: 100, max: 300 }), { nil: null }),
});

const taskPlan = (agents: number) =>
  fc.record({
    start: fc.integer({ min: 0, max: 150 }),
    agent: fc.nat(agents - 1),
    expert: fc.nat(agents - 1),
    rona: fc.boolean(),
    hold: fc.boolean(),
    collaboration: fc.constantFrom('none', 'consult', 'conference', 'transfer'),
    failed: fc.boolean(),
    endedBy: fc.constantFrom('Customer', 'Agent'),
    capture: fc.boolean(),
  });

export const feedPlan = (options: { maxAgents?: number; maxTasks?: number } = {}): fc.Arbitrary<FeedPlan> =>
  fc.integer({ min: 1, max: options.maxAgents ?? 4 }).chain((agentCount) =>
    fc.record({
      agents: fc.array(agentPlan, { minLength: agentCount, maxLength: agentCount }),
      tasks: fc.array(taskPlan(agentCount), { minLength: 1, maxLength: options.maxTasks ?? 5 }),
      steps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
      lost: fc.array(fc.nat(200), { maxLength: 4 }),
    }),
  );

const BASE_TIME = Date.UTC(2026, 10, 2, 9, 0, 0);

/** Renders a plan into Webex deliveries in event-time order (stable for equal times). */
export function renderFeed(plan: FeedPlan): TimedDelivery[] {
  const feed: TimedDelivery[] = [];
  let counter = 0;
  const emit = (offset: number, build: (id: string, time: number) => webhook.WebexBody) => {
    const time = BASE_TIME + offset;
    feed.push({ time, line: JSON.stringify(build(`ev-${counter++}`, time)) });
  };
  const agentId = (index: number) => `agent-${index}`;

  plan.agents.forEach((agent, index) => {
    const id = agentId(index);
    emit(agent.loginAt, (eventId, time) => webhook.agentLogin(eventId, time, id, 'team-1', agent.available));
    emit(agent.loginAt, (eventId, time) =>
      webhook.channelStateChange(eventId, time, id, 'telephony', agent.available ? 'Available' : 'Idle'),
    );
    if (agent.breakAt !== null) {
      emit(agent.breakAt, (eventId, time) => webhook.agentStateChange(eventId, time, id, 'idle', { idleCodeId: 'lunch' }));
      emit(agent.breakAt + 5, (eventId, time) => webhook.agentStateChange(eventId, time, id, 'available'));
    }
    if (agent.logoutAt !== null) emit(agent.logoutAt, (eventId, time) => webhook.agentLogout(eventId, time, id));
  });

  plan.tasks.forEach((task, index) => {
    const taskId = `task-${index}`;
    let offset = task.start;
    let step = 0;
    const next = () => (offset += plan.steps[step++ % plan.steps.length]!);
    const fields: webhook.WebexTaskFields = { channelType: 'telephony', direction: 'INBOUND', queueId: 'q1', origin: `+1555000${index}` };
    const taskEvent = (type: webhook.WebexTaskType, extra: webhook.WebexTaskFields = {}) =>
      emit(offset, (eventId, time) => webhook.taskEvent(eventId, time, type, taskId, { ...fields, ...extra }));
    const agentState = (agent: number, state: webhook.WebexAgentStateName) =>
      emit(offset, (eventId, time) => webhook.agentStateChange(eventId, time, agentId(agent), state, { taskId }));

    taskEvent('task:new');
    next();
    taskEvent('task:parked');
    if (task.rona) {
      next();
      taskEvent('task:connect');
      agentState(task.expert, 'ringing');
      next();
      agentState(task.expert, 'not-responding');
      taskEvent('task:parked');
    }
    next();
    taskEvent('task:connect');
    agentState(task.agent, 'ringing');
    next();
    taskEvent('task:connected');
    agentState(task.agent, 'connected');
    if (task.hold) {
      next();
      taskEvent('task:on-hold');
      agentState(task.agent, 'on-hold');
      next();
      taskEvent('task:hold-done');
      agentState(task.agent, 'hold-done');
    }
    if (task.collaboration !== 'none') {
      next();
      taskEvent('task:consulting');
      agentState(task.agent, 'consulting');
      next();
      if (task.collaboration === 'consult') {
        taskEvent('task:consult-done');
        agentState(task.agent, 'consult-done');
        next();
        taskEvent('task:hold-done');
      } else {
        taskEvent('task:conferencing');
        agentState(task.agent, 'conferencing');
        agentState(task.expert, 'conferencing');
        next();
        taskEvent(task.collaboration === 'transfer' ? 'task:conference-transferred' : 'task:conference-done');
        agentState(task.collaboration === 'transfer' ? task.agent : task.expert, 'wrapup');
      }
    }
    next();
    taskEvent(task.failed ? 'task:failed' : 'task:ended', { terminatingParty: task.endedBy, reason: `${task.endedBy} left` });
    agentState(task.agent, 'wrapup');
    if (task.capture) emit(offset + 7, (eventId, time) => webhook.captureAvailable(eventId, time, taskId));
    next();
    agentState(task.agent, 'wrapup-done');
    if (task.collaboration === 'conference' || task.collaboration === 'transfer') {
      agentState(task.collaboration === 'transfer' ? task.expert : task.agent, 'wrapup-done');
    }
  });

  return deliveredInTimeOrder(feed, plan.lost);
}
