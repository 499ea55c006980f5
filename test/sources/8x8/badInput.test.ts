// Bad 8x8 input is rejected with a reason that names the source and the failing field, and
// never throws; `recognizes` is cheap, never throws, and stays disjoint from the other sources.
import { describe, expect, it } from 'vitest';
import { eightByEightAdapter } from '../../../src/sources/8x8/adapter.js';
import { vonageAdapter } from '../../../src/sources/vonage/adapter.js';
import { webexAdapter } from '../../../src/sources/webex/adapter.js';
import { AGENT, gateway, legacy, mapped } from './build.js';

describe('8x8: bad input', () => {
  it.each<[string, unknown, RegExp]>([
    ['no eventType', { conversationId: 'c', timestamp: 1 }, /^8x8: eventType: /],
    ['an unknown eventType', legacy('AGENT_TELEPORTED'), /^8x8: eventType: /],
    ['an eventType that is a number', { ...legacy('QUEUED'), eventType: 7 }, /^8x8: eventType: /],
    ['a missing conversationId', { ...legacy('QUEUED'), conversationId: undefined }, /^8x8: conversationId: /],
    ['an empty conversationId', legacy('QUEUED', { conversationId: '' }), /^8x8: conversationId: /],
    ['a huge conversationId', legacy('QUEUED', { conversationId: 'x'.repeat(100_000) }), /^8x8: conversationId: /],
    ['a missing timestamp', { ...legacy('TRANSFER'), timestamp: undefined }, /^8x8: timestamp: /],
    ['a timestamp in ISO', legacy('TRANSFER', { timestamp: '2024-04-14T13:06:40Z' }), /^8x8: timestamp: /],
    ['a negative timestamp', legacy('TRANSFER', { timestamp: -1 }), /^8x8: timestamp: /],
    ['AGENT_JOINED without agentId', legacy('AGENT_JOINED'), /^8x8: agentId: /],
    ['AGENT_LEFT with a numeric agentId', legacy('AGENT_LEFT', { agentId: 42 }), /^8x8: agentId: /],
    ['a huge queueId', legacy('QUEUED', { queueId: 'q'.repeat(100_000) }), /^8x8: queueId: /],
    ['a huge Chat Gateway queueId', gateway('QUEUED', { queueId: 'q'.repeat(100_000) }), /^8x8: data\.queueId: /],
    ['MEMBERS_CHANGED without data', gateway('MEMBERS_CHANGED'), /^8x8: data: /],
    ['MEMBERS_CHANGED without the member id', gateway('MEMBERS_CHANGED', { memberType: 'agent', change: 'joined' }), /^8x8: data\.id: /],
    ['MEMBERS_CHANGED with an unknown change', gateway('MEMBERS_CHANGED', { memberType: 'agent', change: 'teleported', id: AGENT }), /^8x8: data\.change: /],
    ['CONVERSATION_UPDATE with a numeric msisdn', gateway('CONVERSATION_UPDATE', { msisdn: 1234 }), /^8x8: data\.msisdn: /],
    ['ACTIVITY without conversationId', { eventType: 'ACTIVITY', timestamp: 1, data: {} }, /^8x8: conversationId: /],
    // The message itself is not kept, but the agent it names must be an id like any other.
    ['TEXT with a numeric agentId', legacy('TEXT', { agentId: 42, message: 'Hello' }), /^8x8: agentId: /],
  ])('%s', (_case, body, reason) => {
    const result = mapped(body);
    expect(result.kind).toBe('rejected');
    expect(result.kind === 'rejected' && result.reason).toMatch(reason);
  });

  it('an Event Streaming payload is refused as such, a custom issue at the field that shows it', () => {
    expect(mapped({ Interaction: { msgInfo: {} } })).toMatchObject({
      kind: 'rejected',
      issues: [{ path: ['Interaction'], message: expect.stringMatching(/^8x8 Event Streaming/), code: 'custom' }],
    });
  });

  it('an x-8x8-event-id header too long to be an id names the header', () => {
    const result = mapped(legacy('QUEUED'), { 'x-8x8-event-id': 'e'.repeat(10_000) });
    expect(result).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/^8x8: headers\.x-8x8-event-id: /) });
  });

  it.each([null, undefined, 42, 'text', [], {}, { eventType: null }, { eventType: ['QUEUED'] }, { Interaction: null }])('never throws on %j: rejected, and not recognised', (body) => {
    expect(() => mapped(body)).not.toThrow();
    expect(mapped(body).kind).toBe('rejected');
    expect(eightByEightAdapter.recognizes({ body, headers: {} })).toBe(false);
  });
});

describe('8x8: recognizes', () => {
  const webhook = { body: legacy('AGENT_JOINED', { agentId: AGENT }), headers: {} };

  it('its own deliveries, of either API', () => {
    expect(eightByEightAdapter.recognizes(webhook)).toBe(true);
    expect(eightByEightAdapter.recognizes({ body: gateway('MESSAGE', {}), headers: {} })).toBe(true);
  });

  it('an unknown upper-case eventType, so that its rejection says why', () => {
    expect(eightByEightAdapter.recognizes({ body: legacy('AGENT_TELEPORTED'), headers: {} })).toBe(true);
  });

  it('no Webex or Vonage delivery, and they do not recognise 8x8', () => {
    const webex = { body: { type: 'task:new', id: 'x', data: { taskId: 't' } }, headers: {} };
    const vonage = { body: { type: 'channel.connected.v1', id: 'x', source: '/channel', data: {} }, headers: {} };
    expect(eightByEightAdapter.recognizes(webex)).toBe(false);
    expect(eightByEightAdapter.recognizes(vonage)).toBe(false);
    expect(webexAdapter.recognizes(webhook)).toBe(false);
    expect(vonageAdapter.recognizes(webhook)).toBe(false);
  });
});
