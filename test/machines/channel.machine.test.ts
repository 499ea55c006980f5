import { describe, expect, it } from 'vitest';
import { channelMachine } from '../../machines/channel.machine.js';
import { channelEvent, inSequence } from '../support/canonical.js';
import { fold } from './machineSpec.js';

const given = (...events: Parameters<typeof channelEvent>[0][]) =>
  fold(channelMachine, inSequence(events.map((event) => channelEvent(event))), 'a1/telephony');

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

  it('records a gap for work on a channel that logged out, but not for the first assertion heard', () => {
    const snapshot = given({ type: 'channel.loggedOut' }, { type: 'channel.engagedOther' });
    expect(snapshot.value).toBe('engagedOther');
    expect(snapshot.context.gapCount).toBe(1);
    expect(given({ type: 'channel.engagedOther' }).context.gapCount).toBe(0);
  });
});
