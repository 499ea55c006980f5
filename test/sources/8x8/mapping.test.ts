// DESIGN §3 "8x8 (`8x8`)", one case per row, for the legacy Chat API and the Chat Gateway:
// given a webhook, when mapped, then it asserts…
import { describe, expect, it } from 'vitest';
import { AGENT, CONVERSATION, T0, assertionsOf, gateway, legacy, mapped } from './build.js';

const task = { kind: 'task', id: CONVERSATION };
const agent = { kind: 'agent', id: AGENT };
const chat = { channelType: 'chat' };

const joined = [
  { entity: task, type: 'task.connected', agentJoined: AGENT, attributes: chat },
  { entity: agent, type: 'agent.work', taskId: CONVERSATION, work: 'engaged' },
];
const left = [
  { entity: task, type: 'task.ended', agentLeft: AGENT, unlessTransferPending: true, attributes: chat },
  { entity: agent, type: 'agent.workEnded', taskId: CONVERSATION },
];

describe('8x8: QUEUED → queued', () => {
  it('legacy: the queue at top level', () => {
    expect(assertionsOf(mapped(legacy('QUEUED', { queueId: 'q-1', queueName: 'Support' })))).toEqual([
      { entity: task, type: 'task.queued', attributes: { ...chat, queueId: 'q-1' } },
    ]);
  });

  it('Chat Gateway: the queue under data', () => {
    expect(assertionsOf(mapped(gateway('QUEUED', { queueId: 'q-2', queueName: 'Support' })))).toEqual([
      { entity: task, type: 'task.queued', attributes: { ...chat, queueId: 'q-2' } },
    ]);
  });
});

describe('8x8: an agent joins → connected, the agent engaged', () => {
  it('legacy AGENT_JOINED', () => {
    expect(assertionsOf(mapped(legacy('AGENT_JOINED', { agentId: AGENT, agentName: 'Ann' })))).toEqual(joined);
  });

  it('Chat Gateway MEMBERS_CHANGED, an agent joined', () => {
    expect(assertionsOf(mapped(gateway('MEMBERS_CHANGED', { memberType: 'agent', change: 'joined', id: AGENT })))).toEqual(joined);
  });
});

describe('8x8: TRANSFER → queued (another agent will join)', () => {
  it.each([
    ['legacy', legacy('TRANSFER')],
    ['Chat Gateway', gateway('TRANSFER')],
  ])('%s', (_api, body) => {
    expect(assertionsOf(mapped(body))).toEqual([{ entity: task, type: 'task.queued', attributes: chat }]);
  });
});

describe('8x8: an agent leaves → ended unless a transfer is pending, the agent’s work ends', () => {
  it('legacy AGENT_LEFT', () => {
    expect(assertionsOf(mapped(legacy('AGENT_LEFT', { agentId: AGENT, agentName: 'Ann' })))).toEqual(left);
  });

  it('Chat Gateway MEMBERS_CHANGED, an agent left', () => {
    expect(assertionsOf(mapped(gateway('MEMBERS_CHANGED', { memberType: 'AGENT', change: 'LEFT', id: AGENT })))).toEqual(left);
  });
});

describe('8x8: TEXT / MESSAGE → activity, no state', () => {
  it.each([
    ['legacy TEXT', legacy('TEXT', { messageType: 'AGENT', agentId: AGENT, message: 'Hello' })],
    ['Chat Gateway MESSAGE', gateway('MESSAGE', { isEcho: false, sender: { id: AGENT, type: 'agent' }, text: 'Hello' })],
  ])('%s → task.updated (the task records when it happened)', (_api, body) => {
    expect(assertionsOf(mapped(body))).toEqual([{ entity: task, type: 'task.updated', attributes: chat }]);
  });

  it('a message longer than any bounded field is fine: its text is not kept', () => {
    expect(mapped(legacy('TEXT', { agentId: AGENT, message: 'x'.repeat(50_000) })).kind).toBe('events');
  });
});

describe('8x8: stateless deliveries → ignored', () => {
  it.each([
    ['legacy WEB_HOOK_VERIFY', { notificationVersion: 'v2.0', eventType: 'WEB_HOOK_VERIFY' }],
    ['Chat Gateway WEB_HOOK_VERIFY', { notificationVersion: 'Chat Gateway v1.0', eventType: 'WEB_HOOK_VERIFY' }],
  ])('%s: no state (the receiver answers 2xx)', (_api, body) => {
    expect(mapped(body)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/^8x8: WEB_HOOK_VERIFY/) });
  });

  it('Chat Gateway ACTIVITY (typing, read receipts): no state', () => {
    expect(mapped(gateway('ACTIVITY', { name: 'typing', value: { users: [] } }))).toMatchObject({
      kind: 'ignored',
      reason: expect.stringMatching(/^8x8: ACTIVITY/),
    });
  });

  it('Chat Gateway MEMBERS_CHANGED of a non-agent member: no state', () => {
    expect(mapped(gateway('MEMBERS_CHANGED', { memberType: 'customer', change: 'joined', id: 'c-1' }))).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('"customer" member'),
    });
  });
});

describe('8x8: Chat Gateway CONVERSATION_UPDATE → attributes only', () => {
  it('the customer’s address as origin; no state', () => {
    expect(assertionsOf(mapped(gateway('CONVERSATION_UPDATE', { state: 'active', msisdn: '+1234567890', channel: 'WhatsApp' })))).toEqual([
      { entity: task, type: 'task.updated', attributes: { ...chat, origin: '+1234567890' } },
    ]);
  });
});

describe('8x8: event id and time', () => {
  it('the id is the x-8x8-event-id header when the delivery has it; the time is `timestamp` (ms)', () => {
    const result = mapped(legacy('QUEUED', { timestamp: T0 + 5 }), { 'x-8x8-event-id': 'g4nqGuj8TpCa6tiZ3DeeNw' });
    expect(result).toMatchObject({ kind: 'events', events: [{ source: '8x8', id: 'g4nqGuj8TpCa6tiZ3DeeNw', time: T0 + 5 }] });
  });

  it('without the header the id is derived from the content: a redelivery gets the same id, another event another', () => {
    const idOf = (body: unknown) => {
      const result = mapped(body);
      return result.kind === 'events' ? result.events[0]?.id : undefined;
    };
    const body = legacy('AGENT_JOINED', { agentId: AGENT });
    expect(idOf(body)).toMatch(/^8x8:/);
    expect(idOf(JSON.parse(JSON.stringify(body)))).toBe(idOf(body));
    expect(idOf({ ...body, timestamp: T0 + 1 })).not.toBe(idOf(body));
  });

  it('a stateless delivery is ignored with its id', () => {
    expect(mapped({ eventType: 'WEB_HOOK_VERIFY' }, { 'x-8x8-event-id': 'e-1' })).toMatchObject({ kind: 'ignored', eventId: 'e-1' });
  });
});

describe('8x8: CONVERSATION_UPDATE names the agent the conversation is assigned to', () => {
  it('an assignment of type agent: that agent takes part in the chat; their work comes from their join', () => {
    const body = gateway('CONVERSATION_UPDATE', { state: 'active', assignment: { type: 'agent', id: AGENT, resourceId: 'resource-1' } });
    expect(assertionsOf(mapped(body))).toEqual([{ entity: task, type: 'task.updated', agentJoined: AGENT, attributes: chat }]);
  });

  it('the type in any case; an assignment to something else, or without an id, names no agent', () => {
    expect(assertionsOf(mapped(gateway('CONVERSATION_UPDATE', { assignment: { type: 'AGENT', id: AGENT } })))).toMatchObject([{ agentJoined: AGENT }]);
    for (const assignment of [{ type: 'queue', id: 'q-1' }, { type: 'agent' }, null]) {
      expect(assertionsOf(mapped(gateway('CONVERSATION_UPDATE', { assignment }))), JSON.stringify(assignment)).toEqual([
        { entity: task, type: 'task.updated', attributes: chat },
      ]);
    }
  });
});
