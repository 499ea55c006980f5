// The machine that folds each kind of entity, the ledger's port to it, and how an authoritative
// snapshot becomes its state.
import type { AnyStateMachine } from 'xstate';
import { agentMachine } from '../../machines/agent.machine.js';
import { agentWork, initialAgentContext } from '../../machines/agent.context.js';
import { initialChannelContext } from '../../machines/channel.context.js';
import { gapCountOf } from '../../machines/gaps.js';
import { channelMachine } from '../../machines/channel.machine.js';
import { initialTaskContext } from '../../machines/task.context.js';
import { taskMachine } from '../../machines/task.machine.js';
import type { EntityRef, TaskAttributes } from '../events/canonical.js';
import type { AgentState, ChannelState, TaskState, Work } from '../events/states.js';
import type { Reconciliation } from '../ledger/entityLedger.js';
import type { EntityRules } from '../ledger/entityRules.js';
import { workPaths } from '../ledger/sameInstantOrder.js';

export const ENTITY_MACHINES: Record<EntityRef['kind'], AnyStateMachine> = {
  agent: agentMachine,
  channel: channelMachine,
  task: taskMachine,
};

/** What the ledger takes for each kind: only an agent's instant needs a rule beyond key order. */
export const ENTITY_RULES: Record<EntityRef['kind'], EntityRules> = {
  agent: { machine: agentMachine, sameInstantOrder: workPaths(agentWork), gapCount: gapCountOf },
  channel: { machine: channelMachine, gapCount: gapCountOf },
  task: { machine: taskMachine, gapCount: gapCountOf },
};

/** What a vendor API says an entity is at a moment: the input of `reconcile`. */
export type AuthoritativeState =
  | { kind: 'agent'; state: AgentState; tasks?: string[]; idleCode?: { id?: string; name?: string } }
  | { kind: 'channel'; state: ChannelState }
  | { kind: 'task'; state: TaskState; agents?: string[]; attributes?: TaskAttributes };

const WORK = new Set<AgentState>(['reserved', 'engaged', 'wrapup']);

/** An operator's reconcile as the engine takes it: what a vendor API says, as of when, and why. */
export interface EngineReconcile {
  authority: AuthoritativeState;
  /** Event time (epoch ms) the authoritative state describes. */
  asOf: number;
  reason: string;
}

/** The ledger's reconciliation for an entity, after checking it (bad input is refused with a reason). */
export function reconciliationOf(entity: EntityRef, { authority, asOf, reason }: EngineReconcile): Reconciliation {
  if (authority.kind !== entity.kind) throw new Error(`reconcile: a ${authority.kind} state for a ${entity.kind}`);
  if (!Number.isFinite(asOf)) throw new Error(`reconcile: asOf must be an epoch time in ms, not ${String(asOf)}`);
  return { authority: authoritativeSnapshot(entity.id, authority, asOf), asOf, reason };
}

/** Builds the machine snapshot an authoritative state stands for, as of `asOf`. */
export function authoritativeSnapshot(id: string, authority: AuthoritativeState, asOf: number) {
  switch (authority.kind) {
    case 'agent': {
      const working = WORK.has(authority.state);
      const taskIds = authority.tasks?.length ? authority.tasks : [''];
      return agentMachine.resolveState({
        value: authority.state,
        context: {
          ...initialAgentContext(id),
          // While working, the presence to return to is unknown: available is the usual one.
          presence: working ? 'available' : (authority.state as 'loggedOut' | 'idle' | 'available'),
          work: working ? Object.fromEntries(taskIds.map((taskId) => [taskId, authority.state as Work])) : {},
          idleCode: authority.idleCode ?? null,
          since: asOf,
        },
      });
    }
    case 'channel':
      return channelMachine.resolveState({
        value: authority.state,
        context: { ...initialChannelContext(id), since: asOf },
      });
    case 'task':
      return taskMachine.resolveState({
        value: authority.state,
        context: {
          ...initialTaskContext(id),
          attributes: authority.attributes ?? {},
          participants: Object.fromEntries((authority.agents ?? []).map((agent) => [agent, 'working' as const])),
          enteredAt: { [authority.state]: asOf },
          since: asOf,
          lastEventAt: asOf,
        },
      });
    default:
      throw new Error(`unknown entity kind ${JSON.stringify(authority satisfies never)}`);
  }
}
