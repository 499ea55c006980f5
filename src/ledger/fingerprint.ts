// A 32-bit fingerprint of an event's canonical content (FNV-1a over its JSON), kept per event id
// to tell a duplicate (same id, same content) from a conflict (same id, other content) without
// keeping whole events once they are compacted.
import type { CanonicalEvent } from '../events/canonical.js';

export function fingerprint(event: CanonicalEvent): number {
  const text = JSON.stringify(event);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
