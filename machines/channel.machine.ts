// One agent channel (agent × channel type: telephony, chat, email, social), DESIGN §3.
// Webex `agent:channelType_state_change` asserts its state directly; other sources derive it.
// The lifecycle: loggedOut → idle ⇄ available → reserved → engaged → wrapup → back to available
// or idle; engagedOther while the agent works on another channel; logged out from anywhere.
// Each state's nominal edges are the lifecycle table's steps (CHANNEL_LIFECYCLE, the one place they
// are written), beside the assertion of itself; any other assertion bubbles up to the root-level
// resync group, which takes it and records a gap where the lifecycle has no step.
import { assign, setup } from 'xstate';
import type { ChannelEvent } from '../src/events/canonical.js';
import { CHANNEL_STATES, type ChannelState } from '../src/events/states.js';
import { CHANNEL_LIFECYCLE, type ChannelContext, initialChannelContext, recordChannelAssertion } from './channel.context.js';
import { type AssertionParams, lifecycleSteps, recordAtRoot, resync, stays } from './edges.js';

/** A state's edges: the assertion of itself keeps it there (attributes only), CHANNEL_LIFECYCLE's steps move it. */
const edgesFrom = (state: ChannelState) => ({ [`channel.${state}`]: stays(state), ...lifecycleSteps('channel', CHANNEL_LIFECYCLE, state) });

export const channelMachine = setup({
  types: {
    context: {} as ChannelContext,
    events: {} as ChannelEvent,
    input: {} as { id: string },
  },
  actions: {
    recordAssertion: assign(({ context, event }, { from, to }: AssertionParams<ChannelState>) => recordChannelAssertion(context, event, from, to)),
    recordResync: recordAtRoot(CHANNEL_STATES, recordChannelAssertion),
  },
}).createMachine({
  id: 'channel',
  initial: 'loggedOut',
  context: ({ input }) => initialChannelContext(input.id),
  // Every state lists its own edges.
  states: Object.fromEntries(CHANNEL_STATES.map((state) => [state, { on: edgesFrom(state) }])),
  // The resync group: any assertion the current state does not list.
  on: {
    'channel.loggedOut': resync('loggedOut'),
    'channel.idle': resync('idle'),
    'channel.available': resync('available'),
    'channel.reserved': resync('reserved'),
    'channel.engaged': resync('engaged'),
    'channel.engagedOther': resync('engagedOther'),
    'channel.wrapup': resync('wrapup'),
  },
});
