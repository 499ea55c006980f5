// One agent channel (agent × channel type: telephony, chat, email, social), DESIGN §3.
// Webex `agent:channelType_state_change` asserts its state directly; other sources derive it.
// The lifecycle: loggedOut → idle ⇄ available → reserved → engaged → wrapup → back to available
// or idle; engagedOther while the agent works on another channel; logged out from anywhere.
// Each state lists those edges and the assertion of itself; any other assertion bubbles up to
// the root-level resync group, which takes it and records a gap where the lifecycle has no step.
import { assign, setup } from 'xstate';
import type { ChannelEvent } from '../src/events/canonical.js';
import { CHANNEL_STATES, type ChannelState } from '../src/events/states.js';
import { type ChannelContext, initialChannelContext, recordChannelAssertion } from './channel.context.js';
import { type AssertionParams, recordAtRoot, resync, stays, step } from './edges.js';

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
  states: {
    loggedOut: {
      on: { 'channel.loggedOut': stays('loggedOut'), 'channel.idle': step('loggedOut', 'idle'), 'channel.available': step('loggedOut', 'available') },
    },
    idle: {
      on: { 'channel.idle': stays('idle'), 'channel.available': step('idle', 'available'), 'channel.loggedOut': step('idle', 'loggedOut') },
    },
    available: {
      on: {
        'channel.available': stays('available'),
        'channel.idle': step('available', 'idle'),
        'channel.reserved': step('available', 'reserved'),
        'channel.engagedOther': step('available', 'engagedOther'),
        'channel.loggedOut': step('available', 'loggedOut'),
      },
    },
    reserved: {
      on: {
        'channel.reserved': stays('reserved'),
        'channel.engaged': step('reserved', 'engaged'),
        // Not answered: back to where the agent was.
        'channel.available': step('reserved', 'available'),
        'channel.idle': step('reserved', 'idle'),
        'channel.loggedOut': step('reserved', 'loggedOut'),
      },
    },
    engaged: {
      on: {
        'channel.engaged': stays('engaged'),
        'channel.wrapup': step('engaged', 'wrapup'),
        // No wrap-up required.
        'channel.available': step('engaged', 'available'),
        'channel.idle': step('engaged', 'idle'),
        'channel.loggedOut': step('engaged', 'loggedOut'),
      },
    },
    engagedOther: {
      on: {
        'channel.engagedOther': stays('engagedOther'),
        'channel.available': step('engagedOther', 'available'),
        'channel.idle': step('engagedOther', 'idle'),
        'channel.loggedOut': step('engagedOther', 'loggedOut'),
      },
    },
    wrapup: {
      on: {
        'channel.wrapup': stays('wrapup'),
        'channel.available': step('wrapup', 'available'),
        'channel.idle': step('wrapup', 'idle'),
        'channel.loggedOut': step('wrapup', 'loggedOut'),
      },
    },
  },
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
