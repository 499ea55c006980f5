// fast-check arbitraries of Webex SDK feeds, as the SDKs of several agents would emit them: logins
// and breaks, tasks with RONA, hold, a consult with a second agent, recording pause/resume, end
// with or without wrap-up — and page reloads: agent:reloginSuccess, then task:hydrate carrying
// the state the task is in. Time steps are 0–3 ms so that same-millisecond ties are common.
import fc from 'fast-check';
import type { TimedDelivery } from '../../../examples/disorder.js';
import { T0 } from './build.js';
import { deliveredInTimeOrder } from '../../support/arrivals.js';

interface TaskPlan {
  start: number;
  agent: number;
  expert: number;
  rona: boolean;
  hold: boolean;
  consult: boolean;
  recording: boolean;
  wrapup: boolean;
  /** After which step of the task its agent's page reloads (none when past the last step). */
  reloadAfter: number | null;
}

interface AgentPlan {
  loginAt: number;
  available: boolean;
  logoutAt: number | null;
}

export interface SdkFeedPlan {
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
  logoutAt: fc.option(fc.integer({ min: 150, max: 300 }), { nil: null }),
});

const taskPlan = (agents: number) =>
  fc.record({
    start: fc.integer({ min: 20, max: 150 }),
    agent: fc.nat(agents - 1),
    expert: fc.nat(agents - 1),
    rona: fc.boolean(),
    hold: fc.boolean(),
    consult: fc.boolean(),
    recording: fc.boolean(),
    wrapup: fc.boolean(),
    reloadAfter: fc.option(fc.nat(8), { nil: null }),
  });

export const sdkFeedPlan = (options: { maxAgents?: number; maxTasks?: number } = {}): fc.Arbitrary<SdkFeedPlan> =>
  fc.integer({ min: 1, max: options.maxAgents ?? 3 }).chain((agentCount) =>
    fc.record({
      agents: fc.array(agentPlan, { minLength: agentCount, maxLength: agentCount }),
      tasks: fc.array(taskPlan(agentCount), { minLength: 1, maxLength: options.maxTasks ?? 4 }),
      steps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
      lost: fc.array(fc.nat(200), { maxLength: 4 }),
    }),
  );

const agentId = (index: number) => `agent-${index}`;

/** Renders a plan into SDK lines in event-time order (stable for equal times). */
export function renderSdkFeed(plan: SdkFeedPlan, options: { reloads?: boolean } = {}): TimedDelivery[] {
  const feed: TimedDelivery[] = [];
  const emit = (at: number, event: string, payload: Record<string, unknown>) =>
    feed.push({ time: T0 + at, line: JSON.stringify({ event, payload }) });
  const login = (at: number, agent: number, subStatus: string, event = 'agent:stationLoginSuccess', interactionIds: string[] = []) =>
    emit(at, event, { agentId: agentId(agent), eventTime: T0 + at, subStatus, interactionIds, teamId: 'team-1', type: 'AgentStationLoginSuccess' });
  const presence = (at: number, agent: number, subStatus: string, auxCodeId: string | null) =>
    emit(at, 'agent:stateChangeSuccess', { data: { agentId: agentId(agent), eventTime: T0 + at, subStatus, auxCodeId }, orgId: 'org-1' });

  plan.agents.forEach((agent, index) => {
    login(agent.loginAt, index, agent.available ? 'Available' : 'Idle');
    if (agent.logoutAt !== null) {
      const at = agent.logoutAt;
      emit(at, 'agent:logoutSuccess', { data: { agentId: agentId(index), eventTime: T0 + at, loggedOutBy: 'SELF' }, type: 'Logout' });
    }
  });

  plan.tasks.forEach((task, index) => {
    const taskId = `task-${index}`;
    const owner = agentId(task.agent);
    let offset = task.start;
    let step = 0;
    let taskSteps = 0;
    /** The task's state as its payload spells it, for task:hydrate. */
    let state = 'new';
    const next = () => (offset += plan.steps[step++ % plan.steps.length]!);
    const taskEvent = (event: string, agent: number, extra: Record<string, unknown> = {}) =>
      emit(offset, event, {
        agentId: agentId(agent),
        eventTime: T0 + offset,
        interaction: { interactionId: taskId, currentVTeam: 'queue-1', owner },
        mediaType: 'telephony',
        contactDirection: { type: 'INBOUND' },
        state,
        ...extra,
      });
    /** One step of the owner's task: the event, then maybe a reload of the owner's page. */
    const ownerStep = (event: string, nextState: string, extra: Record<string, unknown> = {}) => {
      next();
      state = nextState;
      taskEvent(event, task.agent, extra);
      // A task that ended without wrap-up is gone from the agent's desktop: nothing to hydrate.
      if (task.reloadAfter !== taskSteps++ || nextState === 'ended') return;
      // The reload restores what the last event said, at the same instant. The task's next event
      // comes at least a millisecond later, with or without the reload, so both feeds keep time.
      if (options.reloads !== false) {
        login(offset, task.agent, 'Available', 'agent:reloginSuccess', [taskId]);
        taskEvent('task:hydrate', task.agent);
      }
      offset += 1;
    };

    if (task.rona) {
      next();
      taskEvent('task:offerContact', task.expert);
      next();
      taskEvent('task:rejected', task.expert, { reason: 'RONA_TIMER_EXPIRED' });
      presence(offset, task.expert, 'Idle', 'aux-rona');
    }
    ownerStep('task:incoming', 'new');
    ownerStep('task:assigned', 'connected');
    if (task.recording) ownerStep('task:recordingPaused', 'connected');
    if (task.hold) {
      ownerStep('task:hold', 'hold');
      ownerStep('task:unhold', 'connected');
    }
    if (task.consult) {
      ownerStep('task:consultCreated', 'consulting');
      next();
      taskEvent('task:offerConsult', task.expert);
      next();
      taskEvent('task:consultAccepted', task.expert);
      next();
      taskEvent('task:consultEnd', task.expert);
      ownerStep('task:consultEnd', 'hold');
      ownerStep('task:unhold', 'connected');
    }
    if (task.recording) ownerStep('task:recordingResumed', 'connected');
    // Between task:end and task:wrapup the interaction is over and not yet in wrap-up: no
    // hydrate state says exactly that, so the reload comes after task:wrapup instead.
    ownerStep('task:end', 'ended', { wrapupRequired: task.wrapup });
    if (task.wrapup) {
      ownerStep('task:wrapup', 'wrapUp');
      next();
      taskEvent('task:wrappedup', task.agent);
    }
  });

  return deliveredInTimeOrder(feed, plan.lost);
}
