// Hand-written Webex lifecycles for the KPI specs: a task's steps at seconds after T0, each step
// the task event and, where an agent takes part, the agent's state change at the same instant.
import * as webhook from '../../examples/webex/webhooks.js';
import { assertNever } from '../../src/assertNever.js';
import type { Delivery } from '../../src/index.js';

export const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const at = (seconds: number) => T0 + seconds * SECOND;

export type Step =
  | { do: 'queue'; at: number }
  | { do: 'ring'; at: number; agent: string }
  | { do: 'answer'; at: number; agent: string }
  | { do: 'hold'; at: number; agent: string }
  | { do: 'unhold'; at: number; agent: string }
  | { do: 'conference'; at: number; agent: string; expert: string }
  | { do: 'end'; at: number; agent?: string }

  | { do: 'close'; at: number; agent: string };

let counter = 0;
const body = (build: (id: string) => webhook.WebexBody): Delivery => ({ source: 'webex', body: JSON.stringify(build(`ev-${counter++}`)) });

/** The deliveries of task `taskId` in queue q1 (unless `fields` say otherwise), in step order; steps at seconds after T0. */
export function taskDeliveries(taskId: string, steps: Step[], fields: webhook.WebexTaskFields = {}): Delivery[] {
  const task = (type: webhook.WebexTaskType, time: number) =>
    body((id) => webhook.taskEvent(id, time, type, taskId, { channelType: 'telephony', queueId: 'q1', ...fields }));
  const agent = (agentId: string, state: webhook.WebexAgentStateName, time: number) => body((id) => webhook.agentStateChange(id, time, agentId, state, { taskId }));
  return steps.flatMap((planned): Delivery[] => {
    const step = { ...planned, at: at(planned.at) };
    switch (step.do) {
      case 'queue':
        return [task('task:new', step.at), task('task:parked', step.at)];
      case 'ring':
        return [task('task:connect', step.at), agent(step.agent, 'ringing', step.at)];
      case 'answer':
        return [task('task:connected', step.at), agent(step.agent, 'connected', step.at)];
      case 'hold':
        return [task('task:on-hold', step.at), agent(step.agent, 'on-hold', step.at)];
      case 'unhold':
        return [task('task:hold-done', step.at), agent(step.agent, 'hold-done', step.at)];
      case 'conference':
        return [task('task:conferencing', step.at), agent(step.agent, 'conferencing', step.at), agent(step.expert, 'conferencing', step.at)];
      case 'end':
        return [task('task:ended', step.at), ...(step.agent ? [agent(step.agent, 'wrapup', step.at)] : [])];
      case 'close':
        return [agent(step.agent, 'wrapup-done', step.at)];
      default:
        return assertNever(step, 'step');
    }
  });
}

/** Logs agents in, available, at `time`. */
export const loggedIn = (time: number, ...agents: string[]): Delivery[] => agents.map((agentId) => body((id) => webhook.agentLogin(id, time, agentId, 'team-1', true)));

/** A delivery that only moves the source's clock to `time` (an agent nobody asks about goes idle). */
export const clockAt = (time: number): Delivery => body((id) => webhook.agentStateChange(id, time, 'clock', 'idle'));

export const agentState = (time: number, agentId: string, state: webhook.WebexAgentStateName, extra: { idleCodeId?: string } = {}): Delivery =>
  body((id) => webhook.agentStateChange(id, time, agentId, state, extra));

export const logout = (time: number, agentId: string): Delivery => body((id) => webhook.agentLogout(id, time, agentId));
