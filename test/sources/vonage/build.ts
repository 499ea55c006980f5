// Builders of Vonage webhook payloads for tests, shaped like the docs' examples (seed 003).
import type { AdapterResult } from '../../../src/sources/adapter.js';
import { vonageAdapter } from '../../../src/sources/vonage/adapter.js';

export const INTERACTION = '1371f451-116a-4abc-8869-bc678ef67070';
export const AGENT = '1544';
export const T0 = Date.parse('2022-08-30T14:34:36.088Z');

export interface PartyOptions {
  role?: string;
  agentId?: string;
  interactionId?: string;
  /** Milliseconds after T0. */
  at?: number;
  id?: string;
  version?: 'v0' | 'v1';
  reason?: string;
}

export function channelEvent(event: string, options: PartyOptions = {}): Record<string, unknown> {
  const { role = 'agent', agentId = role === 'agent' ? AGENT : undefined, at = 0, version = 'v1' } = options;
  return {
    specversion: '1.0',
    type: `channel.${event}.${version}`,
    id: options.id ?? `${event}-${role}-${at}`,
    source: '/channel',
    subject: 'channel-1',
    time: new Date(T0 + at + 500).toISOString(),
    datacontenttype: 'application/json',
    data: {
      timestamp: new Date(T0 + at).toISOString(),
      ...(options.reason ? { reason: options.reason } : {}),
      channel: {
        conversationId: 'conversation-1',
        interactionId: options.interactionId ?? INTERACTION,
        channelId: `${role}-channel`,
        party: { role, ...(agentId ? { agentId } : {}), userId: 'user-1' },
      },
    },
  };
}

export function presenceEvent(
  category: string,
  options: { agentId?: string; at?: number; id?: string; description?: string } = {},
): Record<string, unknown> {
  const { agentId = AGENT, at = 0 } = options;
  return {
    specversion: '1.0',
    type: 'agent.presencechanged.v0',
    id: options.id ?? `presence-${category}-${at}`,
    source: '/agent',
    subject: agentId,
    time: new Date(T0 + at + 500).toISOString(),
    datacontenttype: 'application/json',
    data: {
      timestamp: new Date(T0 + at).toISOString(),
      presence: {
        presenceId: `presence-${category}`,
        category: { type: category, description: category },
        description: options.description ?? category,
      },
      user: { agentId, userId: 'user-1' },
    },
  };
}

export const mapped = (body: unknown): AdapterResult => vonageAdapter.toEvents({ body, headers: {} });

/** The assertions of a mapped delivery without the envelope's source, id and time. */
export function assertionsOf(result: AdapterResult): Record<string, unknown>[] {
  if (result.kind !== 'events') throw new Error(`expected events, got ${result.kind}: ${JSON.stringify(result)}`);
  return result.events.map(({ source: _source, id: _id, time: _time, ...assertion }) => assertion);
}
