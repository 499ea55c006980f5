// AgentView: what a backend asks about an agent, derived from the agent's and its channels' snapshots.
import type { AgentContext } from '../../machines/agent.context.js';
import type { ChannelContext } from '../../machines/channel.context.js';
import type { AgentAttributes, IdleCode } from '../events/canonical.js';
import { type AgentState, CHANNEL_TYPES, type ChannelState, type ChannelType } from '../events/states.js';

export interface AgentView {
  id: string;
  state: AgentState;
  /** Every channel type, `loggedOut` where nothing was heard of it. */
  channels: Record<ChannelType, ChannelState>;
  /** Tasks the agent is working on (reserved, engaged or in wrap-up). */
  tasks: string[];
  idleCode: IdleCode | null;
  attributes: AgentAttributes;
  /** Event time of the last change of state. */
  since: number | null;
  /** How many assertions skipped states on this agent or its channels. */
  gaps: number;
}

export interface MachineState<C> {
  value: unknown;
  context: C;
}

export function agentView(
  id: string,
  agent: MachineState<AgentContext>,
  channels: Partial<Record<ChannelType, MachineState<ChannelContext>>>,
): AgentView {
  const channelStates = {} as Record<ChannelType, ChannelState>;
  let gaps = agent.context.gapCount;
  for (const type of CHANNEL_TYPES) {
    const channel = channels[type];
    channelStates[type] = (channel?.value as ChannelState | undefined) ?? 'loggedOut';
    gaps += channel?.context.gapCount ?? 0;
  }
  return {
    id,
    state: agent.value as AgentState,
    channels: channelStates,
    tasks: Object.keys(agent.context.work).filter((taskId) => taskId !== ''),
    idleCode: agent.context.idleCode,
    attributes: agent.context.attributes,
    since: agent.context.since,
    gaps,
  };
}
