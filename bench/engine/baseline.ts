// The baseline: what a hand-written integration does with the same feed. `JSON.parse` of each
// line and a `switch` on the Webex type that overwrites plain objects in Maps. No validation,
// no dedupe, no ordering, no history: the practical limit of "just keep the latest state".
import type { TimedDelivery } from '../../examples/disorder.js';

interface AgentRow {
  state: string;
  tasks: Set<string>;
  idleCode: string | null;
  team: string | null;
  channels: Record<string, string>;
  since: number;
}

interface TaskRow {
  state: string;
  agents: Set<string>;
  queueId: string | null;
  channelType: string | null;
  endReason: string | null;
  captures: string[];
  since: number;
}

export interface BaselineState {
  agents: Map<string, AgentRow>;
  tasks: Map<string, TaskRow>;
}

const TASK_STATE: Record<string, string> = {
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
};

const AGENT_TASK_STATE: Record<string, [agent: string, task: string | null]> = {
  idle: ['idle', null],
  available: ['available', null],
  ringing: ['reserved', 'offered'],
  'not-responding': ['idle', 'queued'],
  connected: ['engaged', 'connected'],
  'on-hold': ['engaged', 'held'],
  'hold-done': ['engaged', 'connected'],
  consulting: ['engaged', 'consulting'],
  conferencing: ['engaged', 'conferencing'],
  'consult-done': ['engaged', 'held'],
  wrapup: ['wrapup', 'wrapup'],
  'wrapup-done': ['available', 'closed'],
};

export function foldBaseline(feed: readonly TimedDelivery[]): BaselineState {
  const state: BaselineState = { agents: new Map(), tasks: new Map() };
  for (const { line } of feed) reduce(state, JSON.parse(line));
  return state;
}

// The baseline reads untyped JSON on purpose, as a quick integration would (no schema).
// biome-ignore lint/suspicious/noExplicitAny: untyped on purpose (above)
function reduce(state: BaselineState, body: any): void {
  const data = body.data;
  const time: number = data.createdTime;
  switch (body.type) {
    case 'agent:login': {
      const agent = agentRow(state, data.agentId, time);
      agent.state = String(data.currentState).toLowerCase() === 'available' ? 'available' : 'idle';
      agent.team = data.teamId ?? null;
      agent.tasks.clear();
      break;
    }
    case 'agent:logout': {
      const agent = agentRow(state, data.agentId, time);
      agent.state = 'loggedOut';
      agent.tasks.clear();
      for (const channel of Object.keys(agent.channels)) agent.channels[channel] = 'loggedOut';
      break;
    }
    case 'agent:state_change': {
      const agent = agentRow(state, data.agentId, time);
      const [agentState, taskState] = AGENT_TASK_STATE[String(data.currentState).toLowerCase()] ?? ['idle', null];
      agent.state = agentState;
      agent.idleCode = data.idleCodeId ?? (agentState === 'idle' ? agent.idleCode : null);
      agent.since = time;
      if (data.taskId && taskState) {
        const task = taskRow(state, data.taskId, time);
        task.state = taskState;
        if (taskState === 'queued') task.agents.delete(data.agentId);
        else task.agents.add(data.agentId);
        if (taskState === 'closed') agent.tasks.delete(data.taskId);
        else agent.tasks.add(data.taskId);
      }
      break;
    }
    case 'agent:channelType_state_change': {
      const agent = agentRow(state, data.agentId, time);
      agent.channels[String(data.channelType).toLowerCase()] = String(data.currentState).toLowerCase();
      break;
    }
    case 'capture:available':
      taskRow(state, data.taskId, time).captures.push(data.filePath);
      break;
    default: {
      const task = taskRow(state, data.taskId, time);
      task.state = TASK_STATE[body.type] ?? task.state;
      task.queueId = data.queueId ?? task.queueId;
      task.channelType = data.channelType ?? task.channelType;
      task.endReason = data.reason ?? task.endReason;
      task.since = time;
    }
  }
}

function agentRow(state: BaselineState, id: string, time: number): AgentRow {
  let row = state.agents.get(id);
  if (!row) {
    row = { state: 'loggedOut', tasks: new Set(), idleCode: null, team: null, channels: {}, since: time };
    state.agents.set(id, row);
  }
  return row;
}

function taskRow(state: BaselineState, id: string, time: number): TaskRow {
  let row = state.tasks.get(id);
  if (!row) {
    row = { state: 'new', agents: new Set(), queueId: null, channelType: null, endReason: null, captures: [], since: time };
    state.tasks.set(id, row);
  }
  return row;
}
