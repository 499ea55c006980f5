// 8x8 chats through the engine: transfer and rejoin, and re-opening a chat that was left.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { givenEngine } from '../../support/givenWhen.js';
import { CONVERSATION, T0, legacy } from './build.js';

const at = (ms: number, eventType: string, fields: Record<string, unknown> = {}) => ({
  source: '8x8' as const,
  body: JSON.stringify(legacy(eventType, { ...fields, timestamp: T0 + ms })),
});

const given = givenEngine;

describe('8x8 chats', () => {
  it('given a transfer, when the first agent leaves, then the chat waits queued; when another joins, connected', () => {
    const transferred = [
      at(0, 'QUEUED', { queueId: 'q-1' }),
      at(1000, 'AGENT_JOINED', { agentId: 'ann' }),
      at(2000, 'TRANSFER'),
      at(2500, 'AGENT_LEFT', { agentId: 'ann' }),
    ];
    const waiting = given(transferred);
    expect(waiting.task(CONVERSATION)).toMatchObject({ state: 'queued', agents: [] });
    expect(waiting.agent('ann')?.tasks).toEqual([]);

    const rejoined = given([...transferred, at(4000, 'AGENT_JOINED', { agentId: 'bob' })]);
    expect(rejoined.task(CONVERSATION)).toMatchObject({ state: 'connected', agents: ['bob'] });
    expect(rejoined.agent('bob')).toMatchObject({ state: 'engaged', tasks: [CONVERSATION] });
  });

  it('given an agent left without a transfer, then the chat ended; a later QUEUED or join re-opens it', () => {
    const left = [at(0, 'QUEUED'), at(1000, 'AGENT_JOINED', { agentId: 'ann' }), at(5000, 'AGENT_LEFT', { agentId: 'ann' })];
    expect(given(left).task(CONVERSATION)?.state).toBe('ended');
    expect(given([...left, at(9000, 'QUEUED')]).task(CONVERSATION)?.state).toBe('queued');
    expect(given([...left, at(9000, 'AGENT_JOINED', { agentId: 'ann' })]).task(CONVERSATION)?.state).toBe('connected');
  });

  it('a TEXT keeps the state and counts as activity', () => {
    const engine = given([at(0, 'AGENT_JOINED', { agentId: 'ann' }), at(3000, 'TEXT', { agentId: 'ann', message: 'hi' })]);
    expect(engine.task(CONVERSATION)).toMatchObject({ state: 'connected', channelType: 'chat' });
  });

  it('WEB_HOOK_VERIFY is answered as ignored and creates nothing', () => {
    const engine = createEngine();
    expect(engine.ingest({ source: 'auto', body: '{"notificationVersion":"v2.0","eventType":"WEB_HOOK_VERIFY"}' })).toMatchObject({
      status: 'ignored',
      source: '8x8',
    });
    expect(engine.tasks()).toEqual([]);
  });
});
