// One agent channel (agent × channel type: telephony, chat, email, social), DESIGN §3.
// Webex `agent:channelType_state_change` asserts its state directly; other sources derive it.
import { assign, setup } from 'xstate';
import type { ChannelEvent } from '../src/events/canonical.js';
import { CHANNEL_STATES, type ChannelState } from '../src/events/states.js';
import { type AssertionParams, assertionTransitions } from './assertionTransitions.js';
import { type GapRecord, type Lifecycle, withGapIfSkipped } from './gaps.js';

/** Nominal successors; a channel only reaches work states after logging in. */
export const CHANNEL_LIFECYCLE: Lifecycle<ChannelState> = {
  loggedOut: ['idle', 'available'],
  idle: ['available', 'reserved', 'engaged', 'engagedOther', 'loggedOut'],
  available: ['idle', 'reserved', 'engaged', 'engagedOther', 'loggedOut'],
  reserved: ['engaged', 'available', 'idle', 'engagedOther', 'loggedOut'],
  engaged: ['wrapup', 'available', 'idle', 'engagedOther', 'loggedOut'],
  engagedOther: ['available', 'idle', 'reserved', 'engaged', 'loggedOut'],
  wrapup: ['available', 'idle', 'engaged', 'engagedOther', 'reserved', 'loggedOut'],
};

export interface ChannelContext extends GapRecord<ChannelState> {
  channelId: string;
  /** The agent asked to go idle once the current work ends. */
  pendingIdle: boolean;
  idleCodeName: string | null;
  since: number | null;
}

const accepts = (from: ChannelState) => assertionTransitions('channel', CHANNEL_STATES, from);

export const channelMachine = setup({
  types: {
    context: {} as ChannelContext,
    events: {} as ChannelEvent,
    input: {} as { id: string },
  },
  actions: {
    recordAssertion: assign(({ context, event }, { from, to }: AssertionParams<ChannelState>) => {
      const next: ChannelContext = {
        ...context,
        pendingIdle: event.attributes?.pendingIdle ?? (to === from ? context.pendingIdle : false),
        idleCodeName: event.attributes?.idleCodeName ?? (to === 'idle' || to === from ? context.idleCodeName : null),
        since: to === from && context.since !== null ? context.since : event.time,
      };
      // As for agents, the first assertion about a channel is no gap.
      if (context.since === null) return next;
      return withGapIfSkipped(next, CHANNEL_LIFECYCLE, { from, to, at: event.time, eventId: event.id });
    }),
  },
}).createMachine({
  id: 'channel',
  initial: 'loggedOut',
  context: ({ input }) => ({ channelId: input.id, pendingIdle: false, idleCodeName: null, since: null, gaps: [], gapCount: 0 }),
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
