// The envelope of webex-sdk events (DESIGN §2): event time from `eventTime`, and an id derived
// from the event's content, since SDK events carry none.
import { describe, expect, it } from 'vitest';
import { webexSdkAdapter } from '../../../src/sources/webex-sdk/adapter.js';
import { agentPayload, line, loginPayload, T0, taskPayload, when } from './build.js';

const eventsOf = (event: string, payload: unknown) => {
  const result = webexSdkAdapter.toEvents(line(event, payload));
  if (result.kind !== 'events') throw new Error(`expected events: ${JSON.stringify(result)}`);
  return result.events;
};

describe('webex-sdk event time', () => {
  it('is the payload eventTime, for tasks and agents alike', () => {
    expect(eventsOf('task:assigned', taskPayload({ eventTime: T0 + 42 })).map((event) => event.time)).toEqual([T0 + 42, T0 + 42]);
    expect(eventsOf('agent:stateChangeSuccess', agentPayload({ subStatus: 'Idle', eventTime: T0 + 7 }))[0]?.time).toBe(T0 + 7);
  });

  it('falls back to lastStateChangeTimestamp for an agent event without eventTime', () => {
    expect(eventsOf('agent:stationLoginSuccess', loginPayload({ eventTime: undefined }))[0]?.time).toBe(T0 - 5);
  });

  it('an agent event with no time at all is rejected, never stamped with its arrival', () => {
    when('agent:stateChangeSuccess', agentPayload({ subStatus: 'Idle', eventTime: undefined })).thenRejected([
      'payload',
      'data',
      'eventTime',
    ]);
  });

  it('a task event without eventTime is rejected (createdTimestamp is the call, not the event)', () => {
    when('task:assigned', taskPayload({ eventTime: undefined })).thenRejected(['payload', 'eventTime']);
  });
});

describe('webex-sdk derived event id', () => {
  it('is the same for a redelivery of the same event, whatever the key order', () => {
    const payload = taskPayload();
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    expect(eventsOf('task:hold', reordered)[0]?.id).toBe(eventsOf('task:hold', payload)[0]?.id);
  });

  it('differs when the event name or the content differs', () => {
    const id = eventsOf('task:hold', taskPayload())[0]?.id;
    expect(eventsOf('task:unhold', taskPayload())[0]?.id).not.toBe(id);
    expect(eventsOf('task:hold', taskPayload({ eventTime: T0 + 1 }))[0]?.id).not.toBe(id);
  });

  it('is shared by every event of one delivery and names the source', () => {
    const ids = new Set(eventsOf('agent:logoutSuccess', agentPayload({})).map((event) => event.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^webex-sdk:/);
  });

  it('is reported on ignored events too, so a redelivery is recognised', () => {
    const first = webexSdkAdapter.toEvents(line('agent:stateChangeFailed', { reason: 'x' }));
    const again = webexSdkAdapter.toEvents(line('agent:stateChangeFailed', { reason: 'x' }));
    expect(first).toEqual(again);
    expect(first.kind === 'ignored' && first.eventId).toMatch(/^webex-sdk:/);
  });
});
