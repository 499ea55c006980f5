// A 32-bit fingerprint of an event's canonical content, kept per event id to tell a duplicate
// (same id, same content) from a conflict (same id, other content) without keeping whole events
// once they are compacted.
//
// It walks the event rather than hashing its JSON text: every event is fingerprinted, and the walk
// costs a fraction of JSON.stringify plus a per-character FNV-1a loop. It sees what JSON would
// (keys in order, undefined skipped) and marks each value's type and each object's end, so
// `{a:"1"}`, `{a:1}` and `{a:{}}` differ.
// Fingerprints are persisted in engine snapshots: changing this function changes the snapshot
// version (engineTypes.ts).
import type { CanonicalEvent } from '../events/canonical.js';

const PRIME = 0x01000193;
const OFFSET = 0x811c9dc5;
// What kind of value comes next (or that an array or object ends).
const STRING = 1;
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const NULL = 5;
const ARRAY = 6;
const OBJECT = 7;
const END = 8;

export const fingerprint = (event: CanonicalEvent): number => mixValue(OFFSET, event) >>> 0;

const mix = (hash: number, word: number): number => Math.imul(hash ^ word, PRIME);

/** Two UTF-16 units per step; the length closes the string so that adjacent strings cannot shift. */
function mixString(hash: number, text: string): number {
  const pairs = text.length - 1;
  let index = 0;
  for (; index < pairs; index += 2) hash = mix(hash, text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16));
  if (index < text.length) hash = mix(hash, text.charCodeAt(index));
  return mix(hash, text.length);
}

function mixValue(hash: number, value: unknown): number {
  switch (typeof value) {
    case 'string':
      return mixString(mix(hash, STRING), value);
    case 'number':
      // Integers (times, counts) by their two 32-bit halves; anything else by its JSON text.
      return Number.isSafeInteger(value)
        ? mix(mix(mix(hash, NUMBER), value | 0), Math.floor(value / 0x1_0000_0000) | 0)
        : mixString(mix(hash, NUMBER), JSON.stringify(value));
    case 'boolean':
      return mix(hash, value ? TRUE : FALSE);
    case 'object': {
      if (value === null) return mix(hash, NULL);
      if (Array.isArray(value)) {
        hash = mix(hash, ARRAY);
        for (const item of value) hash = mixValue(hash, item);
        return mix(hash, END);
      }
      hash = mix(hash, OBJECT);
      for (const key in value) {
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        hash = mixValue(mixString(hash, key), field);
      }
      return mix(hash, END);
    }
    default:
      // Functions, symbols, undefined: JSON drops them, so does the fingerprint.
      return hash;
  }
}
