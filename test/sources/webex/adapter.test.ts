// The Webex adapter on its own: what it answers for a payload, before any engine.
import { describe, expect, it } from 'vitest';
import { createWebexAdapter, webexAdapter } from '../../../src/sources/webex/adapter.js';

const toEvents = (body: unknown) => webexAdapter.toEvents({ body, headers: {} });

describe('webex adapter', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a type named like an Object.prototype member (%s) is an unknown type, not a task event',
    (type) => {
      const result = toEvents({ id: 'e1', type, data: { taskId: 't1', createdTime: 1_700_000_000_000 } });
      expect(result).toMatchObject({ kind: 'rejected', issues: [{ path: ['type'], message: `unknown Webex event type "${type}"` }] });
    },
  );
});

describe('webex agent:state_change', () => {
  // The ledger fingerprints an event's JSON to tell a duplicate from a conflict: content and key order both count.
  const stateChange = (currentState: string, extra: object) => {
    const result = toEvents({ id: 'e1', type: 'agent:state_change', data: { agentId: 'a1', currentState, createdTime: 5, ...extra } });
    return result.kind === 'events' ? JSON.stringify(result.events) : result.kind;
  };

  it.each([
    ['Idle', { idleCodeId: 'lunch', teamId: 'team-1' }, '[{"type":"agent.presence","presence":"idle","endsWork":true,"idleCode":{"id":"lunch"},"attributes":{"teamId":"team-1"},"source":"webex","id":"e1","time":5,"entity":{"kind":"agent","id":"a1"}}]'],
    ['connected', { taskId: 't1', queueId: 'q1' }, '[{"type":"agent.work","taskId":"t1","work":"engaged","attributes":{},"source":"webex","id":"e1","time":5,"entity":{"kind":"agent","id":"a1"}},{"type":"task.connected","agentJoined":"a1","attributes":{"queueId":"q1"},"source":"webex","id":"e1","time":5,"entity":{"kind":"task","id":"t1"}}]'],
    ['not-responding', { taskId: 't1', destination: '+1555' }, '[{"type":"agent.workEnded","taskId":"t1","presence":"idle","attributes":{"destination":"+1555"},"source":"webex","id":"e1","time":5,"entity":{"kind":"agent","id":"a1"}},{"type":"task.queued","agentLeft":"a1","source":"webex","id":"e1","time":5,"entity":{"kind":"task","id":"t1"}}]'],
  ])('%s %j gives these canonical events, in this key order', (state, extra, json) => {
    expect(stateChange(state, extra)).toBe(json);
  });
});

describe('webex: what it recognises', () => {
  const recognizes = (body: unknown) => webexAdapter.recognizes({ body, headers: {} });

  it('a body with a Webex type and an object data, nothing else', () => {
    expect(recognizes({ type: 'task:new', data: {} })).toBe(true);
    expect(recognizes({ type: 'task-message:appended', data: {} })).toBe(true);
    expect(recognizes({ type: 'channel.held.v1', data: {} })).toBe(false);
    expect(recognizes({ type: 'task:new', data: 'x' })).toBe(false);
    expect(recognizes({ type: 'task:new' })).toBe(false);
    expect(recognizes({ type: 7, data: {} })).toBe(false);
    // A regular expression would read the array as the string "task:new".
    expect(recognizes({ type: ['task:new'], data: {} })).toBe(false);
    for (const body of [null, 'task:new', 7, undefined]) expect(recognizes(body)).toBe(false);
  });
});

describe('webex: the envelope fast path answers as zod does', () => {
  // Made in the test, each time: the reference parser is part of what is tested.
  const both = (body: unknown) => [webexAdapter.toEvents({ body, headers: {} }), createWebexAdapter('reference').toEvents({ body, headers: {} })];

  it.each<[string, unknown, string[]]>([
    ['an array', [], ['data']],
    ['null', null, ['data']],
    ['a Date', new Date(5), ['data']],
    // Not in JSON, but a caller embedding the engine may hand it an object.
    ['an object with a symbol key', { taskId: 't1', createdTime: 5, [Symbol('x')]: 1 }, ['data', 'Symbol(x)']],
  ])('data that is %s is rejected where the record check rejects it', (_what, data, path) => {
    const [fast, slow] = both({ id: 'e1', type: 'task:new', data });
    expect(fast).toMatchObject({ kind: 'rejected', issues: [{ path }] });
    expect(fast).toEqual(slow);
  });
});

describe('webex: each kind of delivery', () => {
  it('answers a messaging event as ignored, with its reason and id', () => {
    expect(toEvents({ id: 'e1', type: 'task-message:appended', data: { taskId: 't1' } })).toEqual({
      kind: 'ignored',
      reason: 'webex: task-message:appended carries no state',
      eventId: 'e1',
    });
  });

  it('rejects an unknown type and a delivery with no event time, naming the field', () => {
    expect(toEvents({ id: 'e1', type: 'agent:nap', data: {} })).toMatchObject({
      issues: [{ path: ['type'], message: 'unknown Webex event type "agent:nap"', code: 'invalid_value' }],
    });
    expect(toEvents({ id: 'e1', type: 'task:new', data: { taskId: 't1' } })).toEqual({
      kind: 'rejected',
      reason: 'webex: data.createdTime: no event time: neither data.createdTime, comciscotimestamp nor time',
      issues: [{ path: ['data', 'createdTime'], message: 'no event time: neither data.createdTime, comciscotimestamp nor time', code: 'invalid_type' }],
    });
  });

  it('takes the event time from data.createdTime, else comciscotimestamp, else the CloudEvents time (ISO 8601)', () => {
    const timeOf = (envelope: Record<string, unknown>, data: Record<string, unknown> = {}) => {
      const result = toEvents({ id: 'e1', type: 'task:new', ...envelope, data: { taskId: 't1', ...data } });
      return result.kind === 'events' ? result.events[0]?.time : result;
    };
    const iso = '2025-03-04T09:00:00.250Z';
    expect(timeOf({ time: iso })).toBe(Date.parse(iso));
    expect(timeOf({ time: '2025-03-04T10:00:00.250+01:00' })).toBe(Date.parse(iso));
    expect(timeOf({ time: iso, comciscotimestamp: 7 })).toBe(7);
    expect(timeOf({ time: iso, comciscotimestamp: 7 }, { createdTime: 5 })).toBe(5);
    expect(timeOf({ time: null }, { createdTime: 5 })).toBe(5);
  });

  it('a CloudEvents time that is not ISO 8601 is rejected, naming the field', () => {
    for (const time of ['yesterday', '2025-03-04', 1741078800000, `2025-03-04T09:00:00${'0'.repeat(64)}Z`]) {
      const result = toEvents({ id: 'e1', type: 'task:new', time, data: { taskId: 't1', createdTime: 5 } });
      expect(result.kind === 'rejected' && result.issues[0]?.path, String(time)).toEqual(['time']);
    }
  });

  it('logs an agent in idle, with its idle code, when the login names no state', () => {
    expect(toEvents({ id: 'e1', type: 'agent:login', data: { agentId: 'a1', createdTime: 5, idleCodeId: 'c1' } })).toMatchObject({
      events: [{ type: 'agent.loggedIn', presence: 'idle', idleCode: { id: 'c1' }, entity: { kind: 'agent', id: 'a1' } }],
    });
  });

  it('asserts work that names no task as the agent\'s work on task "" (the source did not say which), and no task', () => {
    const result = toEvents({ id: 'e1', type: 'agent:state_change', data: { agentId: 'a1', createdTime: 5, currentState: 'connected' } });
    expect(result).toMatchObject({ kind: 'events', events: [{ type: 'agent.work', taskId: '', work: 'engaged' }] });
    expect(result.kind === 'events' && result.events.length).toBe(1);
  });

  it('asserts a channel state with its pending idle and idle code name', () => {
    const body = { id: 'e1', type: 'agent:channelType_state_change', data: { agentId: 'a1', createdTime: 5, currentState: 'idle', channelType: 'chat', pendingIdleState: true, idleCodeName: 'Lunch' } };
    expect(toEvents(body)).toMatchObject({
      events: [{ type: 'channel.idle', attributes: { pendingIdle: true, idleCodeName: 'Lunch' }, entity: { kind: 'channel', id: 'a1/chat' } }],
    });
  });
});
