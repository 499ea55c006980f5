// Bad Vonage input is rejected with a reason that names the source and the failing field, and
// never throws; `recognizes` is cheap, never throws, and stays disjoint from Webex.
import { describe, expect, it } from 'vitest';
import { vonageAdapter } from '../../../src/sources/vonage/adapter.js';
import { webexAdapter } from '../../../src/sources/webex/adapter.js';
import { channelEvent, mapped, presenceEvent } from './build.js';

// biome-ignore lint/suspicious/noExplicitAny: each case reaches into the parsed body at its own depth
type Mutate = (body: Record<string, any>) => void;

function rejectedWith(mutate: Mutate, base = channelEvent('connected')) {
  const body = structuredClone(base);
  mutate(body);
  const result = mapped(body);
  expect(result.kind).toBe('rejected');
  return result.kind === 'rejected' ? result : undefined;
}

describe('vonage: bad input', () => {
  it.each<[string, Mutate, RegExp]>([
    ['a missing id', (body) => delete body.id, /^vonage: id: /],
    ['a missing source', (body) => delete body.source, /^vonage: source: /],
    ['an id that is a number', (body) => (body.id = 42), /^vonage: id: /],
    ['data that is a string', (body) => (body.data = 'x'), /^vonage: data: /],
    ['a missing interaction id', (body) => delete body.data.channel.interactionId, /^vonage: data\.channel\.interactionId: /],
    ['an agent party without agentId', (body) => delete body.data.channel.party.agentId, /^vonage: data\.channel\.party\.agentId: /],
    ['a party without role', (body) => delete body.data.channel.party.role, /^vonage: data\.channel\.party\.role: /],
    ['a timestamp that is not ISO', (body) => (body.data.timestamp = 'yesterday'), /^vonage: data\.timestamp: /],
    ['a timestamp that is a number', (body) => (body.data.timestamp = 1661870076088), /^vonage: data\.timestamp: /],
    ['an impossible date', (body) => (body.data.timestamp = '2022-13-45T99:99:99Z'), /^vonage: data\.timestamp: /],
    ['no time at all', (body) => {
        delete body.data.timestamp;
        delete body.time;
      }, /^vonage: data\.timestamp: no event time/],
    ['a huge interaction id', (body) => (body.data.channel.interactionId = 'x'.repeat(100_000)), /^vonage: data\.channel\.interactionId: /],
    ['a huge reason', (body) => (body.data.reason = 'x'.repeat(100_000)), /^vonage: data\.reason: /],
    ['an unknown channel event', (body) => (body.type = 'channel.teleported.v1'), /^vonage: type: unknown Vonage event type/],
    ['an unsupported version', (body) => (body.type = 'channel.connected.v2'), /^vonage: type: unsupported version "v2"/],
    ['a type of another shape', (body) => (body.type = 'agent:login'), /^vonage: type: expected a Vonage event type/],
    ['a channel event name on an agent', (body) => (body.type = 'agent.connected.v1'), /^vonage: type: unknown Vonage event type "agent\.connected\.v1"/],
    ['the presence event on a channel', (body) => (body.type = 'channel.presencechanged.v1'), /^vonage: type: unknown Vonage event type/],
  ])('%s', (_case, mutate, reason) => {
    expect(rejectedWith(mutate)?.reason).toMatch(reason);
  });

  it('says which versions it takes, and each rejection is an invalid value or a missing field', () => {
    expect(rejectedWith((body) => (body.type = 'channel.connected.v2'))?.issues).toEqual([
      { path: ['type'], message: 'unsupported version "v2" of channel.connected (accepted: v0, v1)', code: 'invalid_value' },
    ]);
    expect(rejectedWith((body) => (body.type = 'agent.connected.v1'))?.issues[0]?.code).toBe('invalid_value');
    const timeless = rejectedWith((body) => {
      delete body.data.timestamp;
      delete body.time;
    });
    expect(timeless?.issues).toEqual([{ path: ['data', 'timestamp'], message: 'no event time: neither data.timestamp nor time', code: 'invalid_type' }]);
  });

  it('an unknown presence category names the field', () => {
    const result = rejectedWith((body) => (body.data.presence.category.type = 'sleeping'), presenceEvent('ready'));
    expect(result?.reason).toMatch(/^vonage: data\.presence\.category\.type: /);
  });

  it('a presence without user.agentId names the field', () => {
    const result = rejectedWith((body) => delete body.data.user.agentId, presenceEvent('ready'));
    expect(result?.reason).toMatch(/^vonage: data\.user\.agentId: /);
    expect(result?.issues[0]?.path).toEqual(['data', 'user', 'agentId']);
  });

  it.each([null, undefined, 42, 'text', [], {}, { type: 42 }, { type: ['channel.connected.v1'], data: {} }, { type: 'channel.connected.v1', data: 'x' }, { type: 'channel.connected.v1', data: null }])(
    'never throws on %j: rejected, and not recognised',
    (body) => {
      expect(() => mapped(body)).not.toThrow();
      expect(mapped(body).kind).toBe('rejected');
      expect(vonageAdapter.recognizes({ body, headers: {} })).toBe(false);
    },
  );
});

describe('vonage: recognizes', () => {
  it('its own deliveries, and no Webex delivery recognises as vonage or the reverse', () => {
    const vonage = { body: channelEvent('connected'), headers: {} };
    const webex = { body: { type: 'agent:state_change', id: 'x', data: { agentId: 'a' } }, headers: {} };
    expect(vonageAdapter.recognizes(vonage)).toBe(true);
    expect(webexAdapter.recognizes(vonage)).toBe(false);
    expect(vonageAdapter.recognizes(webex)).toBe(false);
  });

  it('a type with another version still recognises as vonage, so its rejection says why', () => {
    expect(vonageAdapter.recognizes({ body: { ...channelEvent('held'), type: 'channel.held.v7' }, headers: {} })).toBe(true);
  });
});
