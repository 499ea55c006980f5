// FROZEN ORACLE: the machine written as a complete table of assertions (every state lists every
// assertion), the reference the lifecycle-shaped machines in machines/ must equal
// (test/machines/reshape.property.test.ts). Do not edit; it shares the live context modules.
// One agent channel (agent × channel type: telephony, chat, email, social), DESIGN §3.
// Webex `agent:channelType_state_change` asserts its state directly; other sources derive it.
import { assign, setup } from 'xstate';
import type { ChannelEvent } from '../../../src/events/canonical.js';
import { CHANNEL_STATES, type ChannelState } from '../../../src/events/states.js';
import { type AssertionParams, assertionTransitions } from './assertionTransitions.js';
import { type ChannelContext, initialChannelContext, recordChannelAssertion } from '../../../machines/channel.context.js';

const accepts = (from: ChannelState) => assertionTransitions('channel', CHANNEL_STATES, from);

export const channelMachine = setup({
  types: {
    context: {} as ChannelContext,
    events: {} as ChannelEvent,
    input: {} as { id: string },
  },
  actions: {
    recordAssertion: assign(({ context, event }, { from, to }: AssertionParams<ChannelState>) =>
      recordChannelAssertion(context, event, from, to),
    ),
  },
}).createMachine({
  id: 'channel',
  initial: 'loggedOut',
  context: ({ input }) => initialChannelContext(input.id),
  states: {
    loggedOut: { on: accepts('loggedOut') },
    idle: { on: accepts('idle') },
    available: { on: accepts('available') },
    reserved: { on: accepts('reserved') },
    engaged: { on: accepts('engaged') },
    engagedOther: { on: accepts('engagedOther') },
    wrapup: { on: accepts('wrapup') },
  },
});
