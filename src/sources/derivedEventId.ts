// A stable event id for sources that send none (Webex SDK, 8x8 without the header): a hash of
// the event's content, so that a redelivery of the same event gets the same id (DESIGN §2).
import { createHash } from 'node:crypto';

export function derivedEventId(source: string, content: unknown): string {
  return `${source}:${createHash('sha256').update(stableJson(content)).digest('base64url').slice(0, 27)}`;
}

/**
 * JSON with object keys sorted, so key order in the payload does not change the id. Ids are
 * stored, so the text must never change: undefined fields are left out, an array's holes give
 * nothing between its commas, anything JSON has no text for gives `null`, every other object is
 * read by its own keys (a Date gives `{}`). Loops rather than entries, filter, map and join: this
 * hashes every SDK delivery.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      if (index in value) text += stableJson(value[index]);
    }
    return `${text}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const fields = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, as `<` does.
    const keys = Object.keys(fields).sort();
    let text = '{';
    for (const key of keys) {
      const field = fields[key];
      if (field === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${stableJson(field)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
