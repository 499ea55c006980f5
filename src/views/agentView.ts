// AgentView: what a backend asks about an agent, derived from the agent's and its channels'
// snapshots, field by field (viewFields.ts): each field with the parts of the snapshots it reads.
import type { AgentContext } from '../../machines/agent.context.js';
import type { ChannelContext } from '../../machines/channel.context.js';
import type { AgentAttributes, IdleCode } from '../events/canonical.js';
import { type AgentState, CHANNEL_TYPES, type ChannelState, type ChannelType } from '../events/states.js';
import { idField, type ViewField, ViewDefinition } from './viewFields.js';

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

/** A field read from one part of the agent's own context. */
const fromContext = <K extends keyof AgentContext, T>(key: K, value: (part: AgentContext[K]) => T): ViewField<AgentSource, T> => ({
  changed: (previous, next) => previous.agent.context[key] !== next.agent.context[key],
  value: (source) => value(source.agent.context[key]),
});

const channelStateOf = (source: AgentSource, type: ChannelType): ChannelState => (source.channels[type]?.value as ChannelState | undefined) ?? 'loggedOut';

export const AGENT_VIEW = new ViewDefinition<AgentSource, AgentView>({
  id: idField,
  state: { changed: (previous, next) => previous.agent.value !== next.agent.value, value: (source) => source.agent.value as AgentState },
  channels: {
    changed: (previous, next) => {
      for (const type of CHANNEL_TYPES) if (channelStateOf(previous, type) !== channelStateOf(next, type)) return true;
      return false;
    },
    value: (source) => {
      const states = {} as Record<ChannelType, ChannelState>;
      for (const type of CHANNEL_TYPES) states[type] = channelStateOf(source, type);
      return states;
    },
  },
  tasks: fromContext('work', (work) => Object.keys(work).filter((taskId) => taskId !== '')),
  idleCode: fromContext('idleCode', (idleCode) => idleCode),
  attributes: fromContext('attributes', (attributes) => attributes),
  since: fromContext('since', (since) => since),
  gaps: {
    changed: (previous, next) => gapsOf(previous) !== gapsOf(next),
    value: gapsOf,
  },
});

/** The gaps of the agent and of its channels. */
function gapsOf(source: AgentSource): number {
  let gaps = source.agent.context.gapCount;
  for (const type of CHANNEL_TYPES) gaps += source.channels[type]?.context.gapCount ?? 0;
  return gaps;
}

export const agentView = (id: string, source: AgentSource): AgentView => AGENT_VIEW.build(source, id);
