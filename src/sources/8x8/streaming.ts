// 8x8 Event Streaming (a Pulsar WebSocket stream, not a webhook) is a third 8x8 API. Its payloads
// are recognised only to be rejected with a reason that says so, instead of a confusing
// "eventType: required" — state from the stream is not supported (see the adapter's tests).

/** The top-level keys the stream's event reference documents, one per payload. */
const STREAM_EVENT_KEYS = ['AgentStatusChange', 'AgentProvChange', 'Interaction'] as const;

/** The Pulsar WebSocket message that wraps each stream event (base64 `payload`). */
const PULSAR_WRAPPER_KEYS = ['messageId', 'payload', 'publishTime'] as const;

export const EVENT_STREAMING_UNSUPPORTED =
  '8x8 Event Streaming (a Pulsar WebSocket stream, not a webhook) is not supported: only legacy Chat API and Chat Gateway webhooks are';

/** Where a stream payload shows itself (`Interaction`, the Pulsar `payload`), or null for anything else. Never throws. */
export function eventStreamingField(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  for (const key of STREAM_EVENT_KEYS) {
    const inner = record[key];
    if (typeof inner === 'object' && inner !== null && 'msgInfo' in inner) return key;
  }
  if (PULSAR_WRAPPER_KEYS.every((key) => typeof record[key] === 'string')) return 'payload';
  return null;
}
