// Builders of 8x8 chat webhook payloads for tests, shaped like the docs' examples: the legacy
// Chat API (seed 004, flat) and the Chat Gateway (details under `data`).
import type { AdapterResult } from '../../../src/sources/adapter.js';
import { eightByEightAdapter } from '../../../src/sources/8x8/adapter.js';

export const CONVERSATION = 'conversation-1';
export const AGENT = 'agent-1';
export const T0 = 1_713_100_000_000;

export function legacy(eventType: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventType, messageType: 'SYSTEM', conversationId: CONVERSATION, timestamp: T0, ...fields };
}

export function gateway(eventType: string, data?: Record<string, unknown>, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventType, conversationId: CONVERSATION, timestamp: T0, ...(data ? { data } : {}), ...fields };
}

export const mapped = (body: unknown, headers: Record<string, string> = {}): AdapterResult =>
  eightByEightAdapter.toEvents({ body, headers });

/** The assertions of a mapped delivery without the envelope's source, id and time. */
export function assertionsOf(result: AdapterResult): Record<string, unknown>[] {
  if (result.kind !== 'events') throw new Error(`expected events, got ${result.kind}: ${JSON.stringify(result)}`);
  return result.events.map(({ source: _source, id: _id, time: _time, ...assertion }) => assertion);
}
