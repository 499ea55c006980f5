// An entity's view, derived from its ledgers' current machine snapshots (its source): a task from
// its own, an agent from its own and its channels' (an agent heard of only through a channel is
// logged out).
import { initialAgentContext } from '../../machines/agent.context.js';
import { CHANNEL_TYPES } from '../events/states.js';
import type { EntityLedger } from '../ledger/entityLedger.js';
import { type AgentSource, type AgentView, agentView } from '../views/agentView.js';
import type { ViewKind, ViewUpdate } from '../views/stateDocument.js';
import { type TaskSource, type TaskView, taskView } from '../views/taskView.js';
import type { EntityLedgers } from './entityLedgers.js';

/** The view of an agent or task now, or undefined when nothing of it is in memory. */
export function viewOf(ledgers: EntityLedgers, kind: ViewKind, id: string): AgentView | TaskView | undefined {
  if (kind === 'task') {
    const task = taskSourceOf(ledgers, id);
    return task && taskView(id, task);
  }
  const agent = agentSourceOf(ledgers, id);
  return agent && agentView(id, agent);
}

/** What the view of an agent or task is derived from now, or undefined when nothing of it is in memory. */
export function sourceOf(ledgers: EntityLedgers, kind: ViewKind, id: string): ViewUpdate['source'] {
  return kind === 'agent' ? agentSourceOf(ledgers, id) : taskSourceOf(ledgers, id);
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

function agentSourceOf(ledgers: EntityLedgers, id: string): AgentSource | undefined {
  const agent = ledgers.get('agent', id);
  const channels: AgentSource['channels'] = {};
  let heard = agent !== undefined;
  for (const type of CHANNEL_TYPES) {
    const channel = ledgers.get('channel', `${id}/${type}`);
    if (channel) {
      channels[type] = channel.current as EntityLedger['current'];
      heard = true;
    }
  }
  if (!heard) return undefined;
  return { agent: agent?.current ?? { value: 'loggedOut', context: initialAgentContext(id) }, channels };
}

function taskSourceOf(ledgers: EntityLedgers, id: string): TaskSource | undefined {
  return ledgers.get('task', id)?.current;
}
