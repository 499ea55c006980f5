// The Webex adapter on its own: what it answers for a payload, before any engine.
import { describe, expect, it } from 'vitest';
import { webexAdapter } from '../../../src/sources/webex/adapter.js';

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
