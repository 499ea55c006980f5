// AgentView: what a backend asks about an agent, derived from the agent's and its channels'
// snapshots field by field, each from the parts of the snapshots it reads (viewFields.ts).
import type { AgentContext } from '../../machines/agent.context.js';
import type { ChannelContext } from '../../machines/channel.context.js';
import type { AgentAttributes, IdleCode } from '../events/canonical.js';
import { type AgentState, CHANNEL_TYPES, type ChannelState, type ChannelType } from '../events/states.js';
import { builtView, type ViewDerivation } from './viewFields.js';

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

/** What an agent's view is derived from: its own snapshot and those of the channels heard of. */
export interface AgentSource {
  agent: MachineState<AgentContext>;
  channels: Partial<Record<ChannelType, MachineState<ChannelContext>>>;
}

/** The agent's view fields whose parts of its snapshots differ from those in `before` (all without one). */
export const deriveAgentView: ViewDerivation<AgentSource, AgentView> = (source, id, before, into) => {
  if (!before) into.set('id', id);
  if (!before || before.agent.value !== source.agent.value) into.set('state', source.agent.value as AgentState);
  if (!before || channelStatesDiffer(before, source)) into.set('channels', channelStatesOf(source));
  const { context } = source.agent;
  const earlier = before?.agent.context;
  if (!earlier || earlier.work !== context.work) into.set('tasks', Object.keys(context.work).filter((taskId) => taskId !== ''));
  if (!earlier || earlier.idleCode !== context.idleCode) into.set('idleCode', context.idleCode);
  if (!earlier || earlier.attributes !== context.attributes) into.set('attributes', context.attributes);
  if (!earlier || earlier.since !== context.since) into.set('since', context.since);
  const gaps = gapsOf(source);
  if (!before || gapsOf(before) !== gaps) into.set('gaps', gaps);
};

const channelStateOf = (source: AgentSource, type: ChannelType): ChannelState => (source.channels[type]?.value as ChannelState | undefined) ?? 'loggedOut';

function channelStatesDiffer(before: AgentSource, source: AgentSource): boolean {
  for (const type of CHANNEL_TYPES) if (channelStateOf(before, type) !== channelStateOf(source, type)) return true;
  return false;
}

function channelStatesOf(source: AgentSource): Record<ChannelType, ChannelState> {
  const states = {} as Record<ChannelType, ChannelState>;
  for (const type of CHANNEL_TYPES) states[type] = channelStateOf(source, type);
  return states;
}

/** The gaps of the agent and of its channels. */
function gapsOf(source: AgentSource): number {
  let gaps = source.agent.context.gapCount;
  for (const type of CHANNEL_TYPES) gaps += source.channels[type]?.context.gapCount ?? 0;
  return gaps;
}

export const agentView = (id: string, source: AgentSource): AgentView => builtView(deriveAgentView, source, id);
