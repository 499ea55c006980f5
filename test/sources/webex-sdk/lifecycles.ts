// fast-check arbitraries of Webex SDK feeds, as the SDKs of several agents would emit them: logins
// and breaks, tasks with RONA, hold, a consult with a second agent, recording pause/resume, end
// with or without wrap-up — and page reloads: agent:reloginSuccess, then task:hydrate carrying
// the state the task is in. Time steps are mostly 0 so that same-instant ties are common, in
// units from a millisecond to an hour. Each delivery carries the facts it means (DESIGN §3's
// Webex SDK row, read apart from the adapter) and its id, derived from its content as DESIGN §2
// says (the key's last tie-break).
import fc from 'fast-check';
import type { TaskState } from '../../../src/events/states.js';
import { derivedEventId } from '../../../src/sources/derivedEventId.js';
import { inTimeOrder } from '../../support/arrivals.js';
import type { Fact, PlannedDelivery, WorkOnTask } from '../../support/oracle/facts.js';
import { tieSteps, timeUnit } from '../../support/timeSteps.js';
import { T0 } from './build.js';

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
  /** Time steps between a task's consecutive events, cycled, in units. */
  steps: number[];
  /** Milliseconds per unit of time. */
  unit: number;
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

export const sdkFeedPlan = (options: { maxAgents?: number; maxTasks?: number; units?: readonly number[] } = {}): fc.Arbitrary<SdkFeedPlan> =>
  fc.integer({ min: 1, max: options.maxAgents ?? 3 }).chain((agentCount) =>
    fc.record({
      agents: fc.array(agentPlan, { minLength: agentCount, maxLength: agentCount }),
      tasks: fc.array(taskPlan(agentCount), { minLength: 1, maxLength: options.maxTasks ?? 4 }),
      steps: tieSteps,
      unit: timeUnit(options.units),
    }),
  );

const agentId = (index: number) => `agent-${index}`;

/** What a task event means for the task and for the work of the agent it names (DESIGN §3). */
const TASK_EVENT: Record<string, { task: TaskState | null; work?: WorkOnTask | 'done'; leaves?: true }> = {
  'task:incoming': { task: 'offered', work: 'reserved' },
  'task:offerContact': { task: 'offered', work: 'reserved' },
  'task:offerConsult': { task: 'offered', work: 'reserved' },
  'task:assigned': { task: 'connected', work: 'engaged' },
  'task:hold': { task: 'held', work: 'engaged' },
  'task:unhold': { task: 'connected', work: 'engaged' },
  'task:consultCreated': { task: 'consulting', work: 'engaged' },
  'task:consultAccepted': { task: 'consulting', work: 'engaged' },
  // The consult is over: the customer stays on hold; for the consulted agent, their part is over.
  'task:consultEnd': { task: 'held', work: 'engaged' },
  'task:wrapup': { task: 'wrapup', work: 'wrapup' },
  'task:wrappedup': { task: 'closed', work: 'done' },
  // RONA: the offer goes back to the queue, without this agent.
  'task:rejected': { task: 'queued', work: 'done', leaves: true },
  'task:recordingPaused': { task: null },
  'task:recordingResumed': { task: null },
};

/** task:hydrate restores the state its payload carries, as the SDK spells it. */
const HYDRATED: Record<string, { task: TaskState; work: WorkOnTask }> = {
  new: { task: 'offered', work: 'reserved' },
  connected: { task: 'connected', work: 'engaged' },
  hold: { task: 'held', work: 'engaged' },
  consulting: { task: 'consulting', work: 'engaged' },
  wrapUp: { task: 'wrapup', work: 'wrapup' },
};

/**
 * Which names and shapes a feed uses for the same facts: `documented`, seed 000's (task:unhold,
 * agent:stateChangeSuccess, the reason inside task:rejected's task, hydrate's top-level state),
 * or `today`, what the SDK followed emits (task:resume, agent:stateChange with its flat data,
 * task:rejected's reason as payload with the task beside it, the ids, owner, media type and
 * state where the SDK's TaskData keeps them, post_call for a task in wrap-up).
 */
export type SdkNames = 'documented' | 'today';

/** The documented names the SDK followed emits under another name. */
const TODAYS_NAME: Record<string, string> = { 'task:unhold': 'task:resume', 'agent:stateChangeSuccess': 'agent:stateChange' };

/** Renders a plan into SDK lines in event-time order (stable for equal times). */
export function renderSdkFeed(plan: SdkFeedPlan, options: { reloads?: boolean; names?: SdkNames } = {}): PlannedDelivery[] {
  const feed: PlannedDelivery[] = [];
  const today = options.names === 'today';
  const emit = (at: number, documented: string, payload: unknown, facts: Fact[], task?: Record<string, unknown>) => {
    const event = today ? (TODAYS_NAME[documented] ?? documented) : documented;
    feed.push({ time: T0 + at, line: JSON.stringify({ event, payload, task }), eventId: derivedEventId('webex-sdk', { event, payload, task }), facts });
  };
  const login = (at: number, agent: number, subStatus: 'Available' | 'Idle', event = 'agent:stationLoginSuccess', interactionIds: string[] = []) => {
    const presence = subStatus === 'Available' ? 'available' : 'idle';
    // A re-login re-attaches the session: the agent keeps the work the hydrate restores.
    const fact: Fact =
      event === 'agent:reloginSuccess'
        ? { what: 'presence', agent: agentId(agent), presence, endsWork: false }
        : { what: 'signedIn', agent: agentId(agent), presence };
    emit(at, event, { agentId: agentId(agent), eventTime: T0 + at, subStatus, interactionIds, teamId: 'team-1', type: 'AgentStationLoginSuccess' }, [fact]);
  };
  const presence = (at: number, agent: number, subStatus: 'Idle', auxCodeId: string | null) => {
    const data = { agentId: agentId(agent), eventTime: T0 + at, subStatus, auxCodeId };
    emit(at, 'agent:stateChangeSuccess', today ? { ...data, type: 'AgentStateChange' } : { data, orgId: 'org-1' }, [
      { what: 'presence', agent: agentId(agent), presence: 'idle', endsWork: false },
    ]);
  };

  plan.agents.forEach((agent, index) => {
    login(agent.loginAt * plan.unit, index, agent.available ? 'Available' : 'Idle');
    if (agent.logoutAt !== null) {
      const at = agent.logoutAt * plan.unit;
      emit(at, 'agent:logoutSuccess', { data: { agentId: agentId(index), eventTime: T0 + at, loggedOutBy: 'SELF' }, type: 'Logout' }, [
        { what: 'signedOut', agent: agentId(index) },
        ...(['telephony', 'chat', 'email', 'social'] as const).map((channel): Fact => ({ what: 'channel', agent: agentId(index), channel, state: 'loggedOut' })),
      ]);
    }
  });

  plan.tasks.forEach((task, index) => {
    const taskId = `task-${index}`;
    const owner = agentId(task.agent);
    let offset = task.start * plan.unit;
    let step = 0;
    let taskSteps = 0;
    /** The task's state as its payload spells it, for task:hydrate. */
    let state = 'new';
    const next = () => (offset += plan.steps[step++ % plan.steps.length]! * plan.unit);
    const factsOf = (event: string, agent: string, extra: Record<string, unknown>): Fact[] => {
      const consulted = event === 'task:consultEnd' && agent !== owner;
      const means =
        event === 'task:hydrate'
          ? HYDRATED[state]!
          : event === 'task:end'
            ? { task: 'ended' as const, work: extra.wrapupRequired ? ('wrapup' as const) : ('done' as const) }
            : consulted
              ? { task: 'held' as const, work: 'done' as const, leaves: true as const }
              : TASK_EVENT[event]!;
      const taskFact: Fact = {
        what: 'task',
        task: taskId,
        state: means.task,
        ...(means.work ? { agent } : {}),
        ...('leaves' in means && means.leaves ? { leaves: true as const } : {}),
      };
      if (!means.work) return [taskFact];
      return [taskFact, means.work === 'done' ? { what: 'workDone', agent, task: taskId } : { what: 'work', agent, task: taskId, work: means.work }];
    };
    const taskEvent = (event: string, agent: number, extra: Record<string, unknown> = {}) => {
      const facts = factsOf(event, agentId(agent), extra);
      if (!today) {
        const data = { agentId: agentId(agent), eventTime: T0 + offset, interaction: { interactionId: taskId, currentVTeam: 'queue-1', owner } };
        emit(offset, event, { ...data, mediaType: 'telephony', contactDirection: { type: 'INBOUND' }, state, ...extra }, facts);
        return;
      }
      const { reason, ...rest } = extra;
      const interaction = { currentVTeam: 'queue-1', mediaType: 'telephony', state: state === 'wrapUp' ? 'post_call' : state };
      const data = { agentId: agentId(agent), eventTime: T0 + offset, interactionId: taskId, owner, interaction, contactDirection: { type: 'INBOUND' }, ...rest };
      if (typeof reason === 'string') emit(offset, event, reason, facts, data);
      else emit(offset, event, data, facts);
    };
    /** One step of the owner's task: the event, then maybe a reload of the owner's page. */
    const ownerStep = (event: string, nextState: string, extra: Record<string, unknown> = {}) => {
      next();
      state = nextState;
      taskEvent(event, task.agent, extra);
      // A task that ended without wrap-up is gone from the agent's desktop: nothing to hydrate.
      if (task.reloadAfter !== taskSteps++ || nextState === 'ended') return;
      // The reload restores what the last event said, at the same instant. The task's next event
      // comes at least a unit later, with or without the reload, so both feeds keep time.
      if (options.reloads !== false) {
        login(offset, task.agent, 'Available', 'agent:reloginSuccess', [taskId]);
        taskEvent('task:hydrate', task.agent);
      }
      offset += plan.unit;
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

  return inTimeOrder(feed);
}
