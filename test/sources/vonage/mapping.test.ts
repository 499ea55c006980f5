// DESIGN §3 "Vonage (`vonage`)", one case per row: given a webhook, when mapped, then it asserts…
import { describe, expect, it } from 'vitest';
import { AGENT, INTERACTION, T0, assertionsOf, channelEvent, mapped, presenceEvent } from './build.js';

const task = { kind: 'task', id: INTERACTION };
const agent = { kind: 'agent', id: AGENT };

describe('vonage: the agent party’s channel', () => {
  it.each([
    ['alerted', 'task.offered', 'reserved'],
    ['connected', 'task.connected', 'engaged'],
    ['held', 'task.held', 'engaged'],
    ['retrieved', 'task.connected', 'engaged'],
    ['interrupted', 'task.suspended', 'engaged'],
    ['parked', 'task.suspended', 'engaged'],
    ['resumed', 'task.connected', 'engaged'],
    ['unparked', 'task.connected', 'engaged'],
    ['wrapstarted', 'task.wrapup', 'wrapup'],
  ])('channel.%s → %s, the agent joins the task and is %s on it', (event, taskState, work) => {
    expect(assertionsOf(mapped(channelEvent(event)))).toEqual([
      { entity: task, type: taskState, agentJoined: AGENT },
      { entity: agent, type: 'agent.work', taskId: INTERACTION, work },
    ]);
  });

  it('channel.ended → closed (the agent’s part of it), the agent returns to their presence', () => {
    expect(assertionsOf(mapped(channelEvent('ended')))).toEqual([
      { entity: task, type: 'task.closed', agentJoined: AGENT },
      { entity: agent, type: 'agent.workEnded', taskId: INTERACTION },
    ]);
  });

  it('channel.connectionfailed → the offer failed: queued, the agent leaves and returns to their presence', () => {
    expect(assertionsOf(mapped(channelEvent('connectionfailed', { reason: 'released' })))).toEqual([
      { entity: task, type: 'task.queued', agentLeft: AGENT },
      { entity: agent, type: 'agent.workEnded', taskId: INTERACTION },
    ]);
  });

  it('channel.disconnected → no state (wrapstarted or ended follows at the same moment)', () => {
    expect(assertionsOf(mapped(channelEvent('disconnected')))).toEqual([{ entity: task, type: 'task.updated' }]);
  });
});

describe('vonage: the customer party’s channel', () => {
  it.each(['disconnected', 'ended'])('channel.%s → ended, with the party and reason', (event) => {
    expect(assertionsOf(mapped(channelEvent(event, { role: 'customer', reason: 'released' })))).toEqual([
      { entity: task, type: 'task.ended', attributes: { endReason: 'released', endParty: 'customer' } },
    ]);
  });

  it.each([
    ['held', 'task.held'],
    ['retrieved', 'task.connected'],
    ['interrupted', 'task.suspended'],
    ['parked', 'task.suspended'],
    ['resumed', 'task.connected'],
    ['unparked', 'task.connected'],
  ])('channel.%s (sent for both parties) → %s, and nothing about any agent', (event, taskState) => {
    expect(assertionsOf(mapped(channelEvent(event, { role: 'customer' })))).toEqual([{ entity: task, type: taskState }]);
  });

  it.each(['alerted', 'connected', 'connectionfailed'])('channel.%s → no state (an inbound call alerts the customer first)', (event) => {
    expect(assertionsOf(mapped(channelEvent(event, { role: 'customer' })))).toEqual([{ entity: task, type: 'task.updated' }]);
  });

  it('the role decides whose channel it is: a customer party that names an agent is still the customer', () => {
    expect(assertionsOf(mapped(channelEvent('disconnected', { role: 'customer', agentId: AGENT })))).toEqual([
      { entity: task, type: 'task.ended', attributes: { endParty: 'customer' } },
    ]);
  });

  it('a role of another name ("contact", any case) is the customer too', () => {
    expect(assertionsOf(mapped(channelEvent('ended', { role: 'Contact' })))[0]).toMatchObject({ type: 'task.ended' });
  });

  it('a third party hanging up does not end the interaction', () => {
    expect(assertionsOf(mapped(channelEvent('disconnected', { role: 'external' })))).toEqual([{ entity: task, type: 'task.updated' }]);
  });
});

describe('vonage: agent.presencechanged', () => {
  it('ready → available, a presence that leaves the agent’s work alone', () => {
    expect(assertionsOf(mapped(presenceEvent('ready')))).toEqual([
      { entity: agent, type: 'agent.presence', presence: 'available', endsWork: false },
    ]);
  });

  it.each(['away', 'extendedAway'])('%s → idle, with the presence description as idle code', (category) => {
    expect(assertionsOf(mapped(presenceEvent(category, { description: 'Lunch' })))).toEqual([
      {
        entity: agent,
        type: 'agent.presence',
        presence: 'idle',
        endsWork: false,
        idleCode: { id: `presence-${category}`, name: 'Lunch' },
      },
    ]);
  });

  it('loggedOut → loggedOut', () => {
    expect(assertionsOf(mapped(presenceEvent('loggedOut')))).toEqual([{ entity: agent, type: 'agent.loggedOut' }]);
  });

  it('categories match without case or separators (extended_away)', () => {
    expect(assertionsOf(mapped(presenceEvent('extended_away')))[0]).toMatchObject({ presence: 'idle' });
  });
});

describe('vonage: the envelope', () => {
  it('event id = source + id; event time = data.timestamp (not the notification time)', () => {
    const result = mapped(channelEvent('connected', { id: 'ksuid-1', at: 1234 }));
    expect(result.kind === 'events' && result.events.map(({ source, id, time }) => ({ source, id, time }))).toEqual([
      { source: 'vonage', id: '/channel#ksuid-1', time: T0 + 1234 },
      { source: 'vonage', id: '/channel#ksuid-1', time: T0 + 1234 },
    ]);
  });

  it('.v0 and .v1 of a type map alike', () => {
    expect(assertionsOf(mapped(channelEvent('held', { version: 'v0' })))).toEqual(
      assertionsOf(mapped(channelEvent('held', { version: 'v1' }))),
    );
  });

  it('without data.timestamp, the envelope’s time is the event time', () => {
    const body = channelEvent('held');
    delete (body.data as Record<string, unknown>).timestamp;
    const result = mapped(body);
    expect(result.kind === 'events' && result.events[0]?.time).toBe(Date.parse(body.time as string));
  });
});
