// Builds a canonical event from an envelope and an assertion, the same way for every source.
import type { CanonicalEvent, Envelope } from '../events/canonical.js';

/**
 * Undefined fields are dropped so that the same vendor event always yields the same canonical
 * content: the ledger compares contents to tell a duplicate from a conflict. The envelope's
 * fields come last, as a spread of it would put them.
 */
export function canonicalEvent(envelope: Envelope, assertion: object): CanonicalEvent {
  return Object.assign(withoutUndefined(assertion), envelope) as CanonicalEvent;
}

/** A copy without undefined fields, also in nested objects. Object.keys: one array per object, not one per field. */
function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) out[key] = isPlainObject(field) ? withoutUndefined(field) : field;
  }
  return out as T;
}

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
