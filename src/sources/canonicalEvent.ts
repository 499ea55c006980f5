// Builds a canonical event from an envelope and an assertion, the same way for every source.
import type { CanonicalEvent, Envelope } from '../events/canonical.js';

/**
 * Undefined fields are dropped so that the same vendor event always yields the same canonical
 * content: the ledger compares contents to tell a duplicate from a conflict.
 */
export function canonicalEvent(envelope: Envelope, assertion: object): CanonicalEvent {
  return { ...withoutUndefined(assertion), ...envelope } as CanonicalEvent;
}

function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[key] = isPlainObject(field) ? withoutUndefined(field) : field;
  }
  return out as T;
}

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
