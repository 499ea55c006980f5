// A raw delivery as it reaches the engine, and its parsing into JSON with the checks that keep
// hostile input out: size, JSON syntax, prototype-polluting keys.
import type { SourceId } from '../events/canonical.js';
import type { ParsedDelivery, PayloadIssue } from './adapter.js';

export interface Delivery {
  /** Which adapter reads it; omitted or 'auto' recognises the source from the payload and headers. */
  source?: SourceId | 'auto';
  headers?: Record<string, string | string[] | undefined>;
  /** The raw body (text or bytes, as received) or an already-parsed object (an SDK event). */
  body: unknown;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
/** Raw text that cannot hold a forbidden key needs no deep scan (`\\u` escapes could spell one). */
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;

export type ParseResult = { ok: true; delivery: ParsedDelivery } | { ok: false; reason: string; issues: PayloadIssue[] };

export function parseDelivery(delivery: Delivery, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): ParseResult {
  const headers = lowerCaseHeaders(delivery.headers);
  let body = delivery.body;
  if (body instanceof Uint8Array) body = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const raw = typeof body === 'string' ? body : null;
  if (typeof body === 'string') {
    if (Buffer.byteLength(body) > maxBodyBytes) return failure([], `body is larger than ${maxBodyBytes} bytes`);
    try {
      body = JSON.parse(body);
    } catch (error) {
      return failure([], `body is not JSON (${(error as Error).message})`);
    }
  }
  const forbidden = raw === null || MAY_HOLD_FORBIDDEN_KEY.test(raw) ? findForbiddenKey(body, []) : null;
  if (forbidden) return failure(forbidden, `forbidden key "${String(forbidden.at(-1))}"`);
  return { ok: true, delivery: { body, headers } };
}

function failure(path: (string | number)[], message: string): ParseResult {
  return { ok: false, reason: path.length ? `${path.join('.')}: ${message}` : message, issues: [{ path, message, code: 'custom' }] };
}

function lowerCaseHeaders(headers: Delivery['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Depth-first search for a key that could pollute a prototype when a payload is merged. */
function findForbiddenKey(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findForbiddenKey(value[index], [...path, index]);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.includes(key)) return [...path, key];
    const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return null;
}
