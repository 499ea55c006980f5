// An entity's view, derived from its ledgers' current machine snapshots: a task from its own, an
// agent from its own and its channels' (an agent heard of only through a channel is logged out).
import { initialAgentContext } from '../../machines/agent.context.js';
import { CHANNEL_TYPES, type ChannelType } from '../events/states.js';
import type { EntityLedger } from '../ledger/entityLedger.js';
import { type AgentView, agentView } from '../views/agentView.js';
import type { ViewKind } from '../views/stateDocument.js';
import { type TaskView, taskView } from '../views/taskView.js';
import type { EntityLedgers } from './entityLedgers.js';

/** The view of an agent or task now, or undefined when nothing of it is in memory. */
export function viewOf(ledgers: EntityLedgers, kind: ViewKind, id: string): AgentView | TaskView | undefined {
  return kind === 'agent' ? agentViewOf(ledgers, id) : taskViewOf(ledgers, id);
}

/** Every agent and task in memory (a restored engine's, whose document is yet to be built). */
export function entitiesIn(ledgers: EntityLedgers): { kind: ViewKind; id: string }[] {
  return [...ledgers.agentIds().map((id) => ({ kind: 'agent' as const, id })), ...[...ledgers.ids('task')].map((id) => ({ kind: 'task' as const, id }))];
}

/** The newest event time of the agent (and its channels) or the task in memory. */
export function lastEventTimeOf(ledgers: EntityLedgers, kind: ViewKind, id: string): number | undefined {
  const held = kind === 'task' ? [ledgers.get('task', id)] : [ledgers.get('agent', id), ...CHANNEL_TYPES.map((type) => ledgers.get('channel', `${id}/${type}`))];
  let newest: number | undefined;
  for (const ledger of held) {
    const time = ledger?.newestTime;
    if (time !== undefined && (newest === undefined || time > newest)) newest = time;
  }
  return newest;
}

function agentViewOf(ledgers: EntityLedgers, id: string): AgentView | undefined {
  const agent = ledgers.get('agent', id);
  const channels: Partial<Record<ChannelType, EntityLedger['current']>> = {};
  for (const type of CHANNEL_TYPES) {
    const channel = ledgers.get('channel', `${id}/${type}`);
    if (channel) channels[type] = channel.current;
  }
  if (!agent && Object.keys(channels).length === 0) return undefined;
  return agentView(id, agent?.current ?? { value: 'loggedOut', context: initialAgentContext(id) }, channels);
}

function taskViewOf(ledgers: EntityLedgers, id: string): TaskView | undefined {
  const task = ledgers.get('task', id);
  return task ? taskView(id, task.current) : undefined;
}
