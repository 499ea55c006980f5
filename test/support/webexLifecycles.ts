// fast-check arbitraries of Webex webhook feeds: agents logging in and out, taking breaks, and
// tasks with RONA, hold, consult, conference, transfer, failure and captures after the end.
// Time moves in steps of 0–3 units, mostly 0 so that same-instant ties across types are the
// rule; the unit runs from a millisecond to an hour, so feeds span from a second to days.
// Each delivery carries the facts it means (DESIGN §3's table, read apart from the adapter).
import fc from 'fast-check';
import * as webhook from '../../examples/webex/webhooks.js';
import type { TaskState } from '../../src/events/states.js';
import { inTimeOrder } from './arrivals.js';
import type { Fact, PlannedDelivery } from './oracle/facts.js';
import { tieSteps, timeUnit } from './timeSteps.js';

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
  /** Time steps between a task's consecutive events, cycled, in units. */
  steps: number[];
  /** Milliseconds per unit of time. */
  unit: number;
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

export const feedPlan = (options: { maxAgents?: number; maxTasks?: number; units?: readonly number[] } = {}): fc.Arbitrary<FeedPlan> =>
  fc.integer({ min: 1, max: options.maxAgents ?? 4 }).chain((agentCount) =>
    fc.record({
      agents: fc.array(agentPlan, { minLength: agentCount, maxLength: agentCount }),
      tasks: fc.array(taskPlan(agentCount), { minLength: 1, maxLength: options.maxTasks ?? 5 }),
      steps: tieSteps,
      unit: timeUnit(options.units),
    }),
  );

const BASE_TIME = Date.UTC(2026, 10, 2, 9, 0, 0);

/** What an `agent:state_change` with a task id means for the agent and for the task (DESIGN §3). */
const AGENT_STATE: Record<Exclude<webhook.WebexAgentStateName, 'idle' | 'available'>, { agent: 'workDone' | 'reserved' | 'engaged' | 'wrapup'; task: TaskState }> = {
  ringing: { agent: 'reserved', task: 'offered' },
  'not-responding': { agent: 'workDone', task: 'queued' },
  connected: { agent: 'engaged', task: 'connected' },
  'on-hold': { agent: 'engaged', task: 'held' },
  'hold-done': { agent: 'engaged', task: 'connected' },
  consulting: { agent: 'engaged', task: 'consulting' },
  conferencing: { agent: 'engaged', task: 'conferencing' },
  'consult-done': { agent: 'engaged', task: 'held' },
  wrapup: { agent: 'wrapup', task: 'wrapup' },
  'wrapup-done': { agent: 'workDone', task: 'closed' },
};

const TASK_EVENT: Record<webhook.WebexTaskType, TaskState | null> = {
  'task:new': 'new',
  'task:parked': 'queued',
  'task:connect': 'offered',
  'task:connected': 'connected',
  'task:on-hold': 'held',
  'task:hold-done': 'connected',
  'task:consulting': 'consulting',
  'task:consult-done': 'held',
  'task:conferencing': 'conferencing',
  'task:conference-done': 'connected',
  'task:conference-transferred': 'connected',
  'task:ended': 'ended',
  'task:failed': 'ended',
  'task:origin-updated': null,
};

/** Renders a plan into Webex deliveries in event-time order (stable for equal times). */
export function renderFeed(plan: FeedPlan): PlannedDelivery[] {
  const feed: PlannedDelivery[] = [];
  let counter = 0;
  const emit = (offset: number, build: (id: string, time: number) => webhook.WebexBody, ...facts: Fact[]) => {
    const time = BASE_TIME + offset * plan.unit;
    const eventId = `ev-${counter++}`;
    feed.push({ time, line: JSON.stringify(build(eventId, time)), eventId, facts });
  };
  const agentId = (index: number) => `agent-${index}`;

  plan.agents.forEach((agent, index) => {
    const id = agentId(index);
    const presence = agent.available ? 'available' : 'idle';
    emit(agent.loginAt, (eventId, time) => webhook.agentLogin(eventId, time, id, 'team-1', agent.available), { what: 'signedIn', agent: id, presence });
    emit(
      agent.loginAt,
      (eventId, time) => webhook.channelStateChange(eventId, time, id, 'telephony', agent.available ? 'Available' : 'Idle'),
      { what: 'channel', agent: id, channel: 'telephony', state: presence },
    );
    if (agent.breakAt !== null) {
      emit(agent.breakAt, (eventId, time) => webhook.agentStateChange(eventId, time, id, 'idle', { idleCodeId: 'lunch' }), {
        what: 'presence',
        agent: id,
        presence: 'idle',
        endsWork: true,
      });
      emit(agent.breakAt + 5, (eventId, time) => webhook.agentStateChange(eventId, time, id, 'available'), {
        what: 'presence',
        agent: id,
        presence: 'available',
        endsWork: true,
      });
    }
    if (agent.logoutAt !== null) {
      emit(
        agent.logoutAt,
        (eventId, time) => webhook.agentLogout(eventId, time, id),
        { what: 'signedOut', agent: id },
        ...(['telephony', 'chat', 'email', 'social'] as const).map((channel): Fact => ({ what: 'channel', agent: id, channel, state: 'loggedOut' })),
      );
    }
  });

  plan.tasks.forEach((task, index) => {
    const taskId = `task-${index}`;
    let offset = task.start;
    let step = 0;
    const next = () => (offset += plan.steps[step++ % plan.steps.length]!);
    const fields: webhook.WebexTaskFields = { channelType: 'telephony', direction: 'INBOUND', queueId: 'q1', origin: `+1555000${index}` };
    const taskEvent = (type: webhook.WebexTaskType, extra: webhook.WebexTaskFields = {}) =>
      emit(offset, (eventId, time) => webhook.taskEvent(eventId, time, type, taskId, { ...fields, ...extra }), {
        what: 'task',
        task: taskId,
        state: TASK_EVENT[type],
      });
    const agentState = (agent: number, state: keyof typeof AGENT_STATE) => {
      const means = AGENT_STATE[state];
      const id = agentId(agent);
      emit(
        offset,
        (eventId, time) => webhook.agentStateChange(eventId, time, id, state, { taskId }),
        means.agent === 'workDone'
          ? { what: 'workDone', agent: id, task: taskId, presence: state === 'not-responding' ? 'idle' : 'available' }
          : { what: 'work', agent: id, task: taskId, work: means.agent },
        { what: 'task', task: taskId, state: means.task, agent: id, ...(state === 'not-responding' ? { leaves: true as const } : {}) },
      );
    };

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
    if (task.capture) {
      emit(offset + 7, (eventId, time) => webhook.captureAvailable(eventId, time, taskId), { what: 'task', task: taskId, state: null });
    }
    next();
    agentState(task.agent, 'wrapup-done');
    // The expert of a conference or a transfer ends their own wrap-up too.
    if (task.collaboration === 'conference' || task.collaboration === 'transfer') agentState(task.expert, 'wrapup-done');
  });

  return inTimeOrder(feed);
}
