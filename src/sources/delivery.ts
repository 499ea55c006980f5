// A raw delivery as it reaches the engine, and its parsing into JSON with the checks that keep
// hostile input out: size, JSON syntax, prototype-polluting keys.
import type { SourceId } from '../events/canonical.js';
import type { ParsedDelivery, PayloadIssue } from './adapter.js';
import { DEFAULT_MAX_NESTING, nestsDeeperThan } from './jsonNesting.js';

export interface Delivery {
  /** Which adapter reads it; omitted or 'auto' recognises the source from the payload and headers. */
  source?: SourceId | 'auto';
  headers?: Record<string, string | string[] | undefined>;
  /** The raw body (text or bytes, as received) or an already-parsed object (an SDK event). */
  body: unknown;
  /** When it was received (epoch ms): an event stamped far ahead of it does not move its source's clock. */
  receivedAt?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
/** Raw text that cannot hold a forbidden key needs no deep scan (`\\u` escapes could spell one). */
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;

export type ParseResult = { ok: true; delivery: ParsedDelivery } | { ok: false; reason: string; issues: PayloadIssue[] };

export interface ParseLimits {
  maxBodyBytes?: number;
  maxNesting?: number;
}

export function parseDelivery(delivery: Delivery, limits: ParseLimits = {}): ParseResult {
  const maxBodyBytes = limits.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxNesting = limits.maxNesting ?? DEFAULT_MAX_NESTING;
  const headers = lowerCaseHeaders(delivery.headers);
  let body = delivery.body;
  if (body instanceof Uint8Array) body = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const raw = typeof body === 'string' ? body : null;
  if (typeof body === 'string') {
    if (utf8LongerThan(body, maxBodyBytes)) return failure([], `body is larger than ${maxBodyBytes} bytes`);
    if (nestsDeeperThan(body, maxNesting)) return failure([], tooDeep(maxNesting));
    try {
      body = JSON.parse(body);
    } catch (error) {
      return failure([], `body is not JSON (${(error as Error).message})`);
    }
  }
  if (raw === null || MAY_HOLD_FORBIDDEN_KEY.test(raw)) {
    const found = findForbiddenKey(body, maxNesting);
    if (found === 'too deep') return failure([], tooDeep(maxNesting));
    if (found) return failure(found, `forbidden key "${String(found.at(-1))}"`);
  }
  return { ok: true, delivery: { body, headers } };
}

/**
 * Whether text takes more than `limit` bytes of UTF-8. A UTF-16 code unit takes 1 to 3 bytes (a
 * surrogate pair 4 for its two), so only a length between limit / 3 and limit needs counting.
 */
export const utf8LongerThan = (text: string, limit: number): boolean =>
  text.length > limit || (text.length * 3 > limit && Buffer.byteLength(text) > limit);

const tooDeep = (maxNesting: number) => `body nests objects or arrays deeper than ${maxNesting} levels`;

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

/**
 * Searches, without recursion, for a key that could pollute a prototype when a payload is
 * merged; an already-parsed body (an SDK object) is also held to the nesting limit here.
 */
function findForbiddenKey(root: unknown, maxNesting: number): (string | number)[] | 'too deep' | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxNesting) return 'too deep';
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.includes(key)) return [...path, key];
      pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
