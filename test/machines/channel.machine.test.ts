import { describe, expect, it } from 'vitest';
import { initialChannelContext } from '../../machines/channel.context.js';
import { channelMachine } from '../../machines/channel.machine.js';
import { CHANNEL_STATES, type ChannelState } from '../../src/events/states.js';
import { givenMachine } from '../support/givenWhen.js';
import { channelEvent, } from '../support/canonical.js';
import { afterOne, drawnEdges, fold, listedStays, resyncGroup } from './machineSpec.js';

const given = givenMachine(channelMachine, (assertion: Parameters<typeof channelEvent>[0]) => channelEvent(assertion), 'a1/telephony');

describe('channel machine', () => {
  it('takes every asserted state, keeping the idle code and pending idle', () => {
    const snapshot = given(
      { type: 'channel.available' },
      { type: 'channel.engaged', attributes: { pendingIdle: true, idleCodeName: 'Meeting' } },
    );
    expect(snapshot.value).toBe('engaged');
    expect(snapshot.context).toMatchObject({ pendingIdle: true, idleCodeName: 'Meeting', gapCount: 0 });
    const idle = given({ type: 'channel.available' }, { type: 'channel.idle', attributes: { idleCodeName: 'Lunch' } });
    expect(idle.context).toMatchObject({ pendingIdle: false, idleCodeName: 'Lunch' });
  });

  it('starts with nothing pending and no idle code, and keeps that through a first assertion of where it starts', () => {
    expect(fold(channelMachine, []).context).toMatchObject({ pendingIdle: false, idleCodeName: null, gaps: [], gapCount: 0, since: null });
    expect(given({ type: 'channel.loggedOut' }).context).toMatchObject({ pendingIdle: false, idleCodeName: null, since: 1000 });
  });

  it('records a gap for work on a channel that logged out, but not for the first assertion heard', () => {
    const snapshot = given({ type: 'channel.loggedOut' }, { type: 'channel.engagedOther' });
    expect(snapshot.value).toBe('engagedOther');
    expect(snapshot.context).toMatchObject({ gaps: [{ from: 'loggedOut', to: 'engagedOther', at: 1001, eventId: expect.any(String) }], gapCount: 1 });
    expect(given({ type: 'channel.engagedOther' }).context.gapCount).toBe(0);
  });
});

describe('channel chart', () => {
  // loggedOut → idle ⇄ available → reserved → engaged → wrapup → back to available or idle;
  // engagedOther while the agent works on another channel; logged out from anywhere.
  // Every step of CHANNEL_LIFECYCLE, in the order the table lists them.
  const NOMINAL = [
    'loggedOut --channel.idle--> idle',
    'loggedOut --channel.available--> available',
    'idle --channel.available--> available',
    'idle --channel.reserved--> reserved',
    'idle --channel.engaged--> engaged',
    'idle --channel.engagedOther--> engagedOther',
    'idle --channel.loggedOut--> loggedOut',
    'available --channel.idle--> idle',
    'available --channel.reserved--> reserved',
    'available --channel.engaged--> engaged',
    'available --channel.engagedOther--> engagedOther',
    'available --channel.loggedOut--> loggedOut',
    'reserved --channel.engaged--> engaged',
    'reserved --channel.available--> available',
    'reserved --channel.idle--> idle',
    'reserved --channel.engagedOther--> engagedOther',
    'reserved --channel.loggedOut--> loggedOut',
    'engaged --channel.wrapup--> wrapup',
    'engaged --channel.available--> available',
    'engaged --channel.idle--> idle',
    'engaged --channel.engagedOther--> engagedOther',
    'engaged --channel.loggedOut--> loggedOut',
    'engagedOther --channel.available--> available',
    'engagedOther --channel.idle--> idle',
    'engagedOther --channel.reserved--> reserved',
    'engagedOther --channel.engaged--> engaged',
    'engagedOther --channel.loggedOut--> loggedOut',
    'wrapup --channel.available--> available',
    'wrapup --channel.idle--> idle',
    'wrapup --channel.engaged--> engaged',
    'wrapup --channel.engagedOther--> engagedOther',
    'wrapup --channel.reserved--> reserved',
    'wrapup --channel.loggedOut--> loggedOut',
  ];
  const heard = { ...initialChannelContext('a1/telephony'), since: 500, pendingIdle: true, idleCodeName: 'Lunch' };
  const assert = (from: ChannelState, to: ChannelState) => afterOne(channelMachine, from, heard, channelEvent({ type: `channel.${to}` }, { time: 1000 }));

  it('draws exactly the nominal edges, the assertions that stay, and one resync edge per state', () => {
    expect(drawnEdges(channelMachine)).toEqual(NOMINAL);
    expect(listedStays(channelMachine)).toEqual(CHANNEL_STATES.map((state) => `${state}: channel.${state}`));
    expect(resyncGroup(channelMachine)).toEqual(CHANNEL_STATES.map((state) => `channel.${state} → ${state}`));
  });

  it.each(NOMINAL.map((edge) => edge.split(/ --channel\.|--> /) as [ChannelState, ChannelState, ChannelState]))('%s on channel.%s moves without a gap', (from, to) => {
    const after = assert(from, to);
    expect(after.value).toBe(to);
    expect(after.context).toMatchObject({ gapCount: 0, since: 1000, pendingIdle: false, idleCodeName: to === 'idle' ? 'Lunch' : null });
  });

  // The skips the lifecycle has no step for: work straight after a logout, a wrap-up with no call
  // seen, an offer from the middle of a call. Anything else is legal (machines/channel.context.ts).
  const GAPS: Record<ChannelState, ChannelState[]> = {
    loggedOut: ['reserved', 'engaged', 'engagedOther', 'wrapup'],
    idle: ['wrapup'],
    available: ['wrapup'],
    reserved: ['wrapup'],
    engaged: ['reserved'],
    engagedOther: ['wrapup'],
    wrapup: [],
  };

  it.each(CHANNEL_STATES)('takes every assertion from %s, with a gap where the lifecycle has no step', (from) => {
    for (const to of CHANNEL_STATES) {
      const after = assert(from, to);
      expect({ to, value: after.value, gaps: after.context.gaps }).toEqual({
        to,
        value: to,
        gaps: GAPS[from].includes(to) ? [{ from, to, at: 1000, eventId: expect.any(String) }] : [],
      });
      // An assertion of the state it is in keeps what the channel had (and since when).
      if (to === from) expect(after.context).toMatchObject({ pendingIdle: true, idleCodeName: 'Lunch', since: 500 });
    }
  });
});
