// The channel's context and the pure step that records one assertion in it.
import type { ChannelEvent } from '../src/events/canonical.js';
import type { ChannelState } from '../src/events/states.js';
import { type GapRecord, type Lifecycle, noGaps, withGapIfSkipped } from './gaps.js';

/**
 * The nominal lifecycle: each state's legal successors; anything else is a gap. A channel only
 * reaches work states after logging in. The machine's chart draws exactly these edges
 * (channel.machine.ts reads this table), and a test holds the two equal.
 */
export const CHANNEL_LIFECYCLE: Lifecycle<ChannelState> = {
  loggedOut: ['idle', 'available'],
  idle: ['available', 'reserved', 'engaged', 'engagedOther', 'loggedOut'],
  available: ['idle', 'reserved', 'engaged', 'engagedOther', 'loggedOut'],
  // Not answered: back to where the agent was.
  reserved: ['engaged', 'available', 'idle', 'engagedOther', 'loggedOut'],
  // No wrap-up required: straight back to available or idle.
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

export const initialChannelContext = (channelId: string): ChannelContext => ({
  channelId,
  pendingIdle: false,
  idleCodeName: null,
  since: null,
  gaps: noGaps(),
  gapCount: 0,
});

export function recordChannelAssertion(context: ChannelContext, event: ChannelEvent, from: ChannelState, to: ChannelState): ChannelContext {
  const next: ChannelContext = {
    ...context,
    pendingIdle: event.attributes?.pendingIdle ?? (to === from ? context.pendingIdle : false),
    idleCodeName: event.attributes?.idleCodeName ?? (to === 'idle' || to === from ? context.idleCodeName : null),
    since: to === from && context.since !== null ? context.since : event.time,
  };
  // As for agents, the first assertion about a channel is no gap.
  if (context.since === null) return next;
  return withGapIfSkipped(next, CHANNEL_LIFECYCLE, { from, to, at: event.time, eventId: event.id });
}
