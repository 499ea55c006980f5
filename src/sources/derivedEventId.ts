// A stable event id for sources that send none (Webex SDK, 8x8 without the header): a hash of
// the event's content, so that a redelivery of the same event gets the same id (DESIGN §2).
import { createHash } from 'node:crypto';

export function derivedEventId(source: string, content: unknown): string {
  return `${source}:${createHash('sha256').update(stableJson(content)).digest('base64url').slice(0, 27)}`;
}

/** JSON with object keys sorted, so key order in the payload does not change the id. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
