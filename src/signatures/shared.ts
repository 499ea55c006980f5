// What every vendor's signature check shares: the result value, reading the raw body and the
// injected clock, looking headers up whatever their case, and comparing secrets in constant time.
// Everything here returns values instead of throwing, because its input is whatever reached the
// webhook endpoint.
import { timingSafeEqual } from 'node:crypto';

/** The outcome of a signature check. `retryable` marks a failure on our side (a key lookup that
 *  failed), so a receiver can answer 5xx and let the vendor redeliver instead of dropping it. */
export type SignatureResult = { ok: true } | { ok: false; reason: string; retryable?: true };

/** The body exactly as received. Prefer bytes: a string must be the UTF-8 decoding of them. */
export type RawBody = string | Uint8Array;

/** Node's `IncomingHttpHeaders`, a plain object in any case, or a WHATWG `Headers`. */
export type HeaderInput = Headers | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** The verifier's clock: epoch milliseconds or a Date, passed in so that checks are deterministic. */
export type Instant = number | Date;

export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

export const VERIFIED: SignatureResult = Object.freeze({ ok: true });

export function rejected(reason: string): SignatureResult {
  return { ok: false, reason };
}

export function bodyBytes(rawBody: unknown): Uint8Array | undefined {
  if (rawBody instanceof Uint8Array) return rawBody;
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  return undefined;
}

export function epochMs(now: unknown): number | undefined {
  const ms = now instanceof Date ? now.getTime() : now;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

/** A caller-supplied window (options are trusted, but a NaN would silently accept everything). */
export function validWindow(ms: unknown, fallback: number): number | undefined {
  if (ms === undefined) return fallback;
  return typeof ms === 'number' && ms >= 0 && !Number.isNaN(ms) ? ms : undefined;
}

/** A value from the delivery, fit to appear in a reason (which ends up in logs): quoted, with
 *  control characters escaped, and cut short. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(String(value));
  return text.length > 66 ? `${text.slice(0, 64)}…"` : text;
}

export function isWithin(timestampMs: number, nowMs: number, toleranceMs: number): boolean {
  return Math.abs(nowMs - timestampMs) <= toleranceMs;
}

/** Header names folded to lower case, each with every value it arrived with; `null` stands for
 *  a value that is not text (kept visible as unusable rather than dropped as absent). */
export type NormalisedHeaders = ReadonlyMap<string, readonly (string | null)[]>;

export function normaliseHeaders(headers: unknown): NormalisedHeaders {
  const out = new Map<string, (string | null)[]>();
  const add = (name: string, value: unknown): void => {
    const key = name.toLowerCase();
    const values = out.get(key) ?? [];
    for (const one of Array.isArray(value) ? value : [value]) {
      values.push(typeof one === 'string' ? one.trim() : typeof one === 'number' ? String(one) : null);
    }
    out.set(key, values);
  };
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    headers.forEach((value, name) => add(name, value));
  } else if (typeof headers === 'object' && headers !== null) {
    for (const name of Object.keys(headers)) {
      const value = (headers as Record<string, unknown>)[name];
      if (value !== undefined) add(name, value);
    }
  }
  return out;
}

export type HeaderLookup = { ok: true; value: string | undefined } | { ok: false; reason: string };

/** One header's single value. Two different values for a header that authenticates a delivery
 *  (say `X-WebexCC-Signature` and `x-webexcc-signature` both set) are ambiguous: refuse them. */
export function lookupHeader(headers: NormalisedHeaders, name: string): HeaderLookup {
  const values = headers.get(name.toLowerCase());
  if (values === undefined || values.length === 0) return { ok: true, value: undefined };
  const first = values[0];
  if (values.some((value) => value === null) || first === null || first === undefined) return { ok: false, reason: `${name} header is not text` };
  if (values.some((value) => value !== first)) return { ok: false, reason: `${name} header has several different values` };
  return { ok: true, value: first };
}

export function requireHeader(headers: NormalisedHeaders, name: string): { ok: true; value: string } | { ok: false; reason: string } {
  const found = lookupHeader(headers, name);
  if (!found.ok) return found;
  if (found.value === undefined || found.value === '') return { ok: false, reason: `missing ${name} header` };
  return { ok: true, value: found.value };
}

const DECIMAL = /^\d{1,16}$/;

/** A non-negative integer written in decimal digits only (no sign, exponent or fraction). */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** A SHA-256 or HMAC-SHA256 digest written as hex, decoded; undefined unless it is exactly 64 hex digits
 *  (Buffer's own hex decoding silently stops at the first bad character). */
export function sha256FromHex(text: string): Uint8Array | undefined {
  return SHA256_HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
}

/** Constant-time equality; lengths are compared first because `timingSafeEqual` throws on a
 *  mismatch, and a length is no secret here (every digest we compare has a fixed length). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

type Rejection = Extract<SignatureResult, { ok: false }>;

/** The clock, the tolerance window and the raw body of a time-windowed check, each validated. */
export function readWindowedInput(options: {
  now: unknown;
  toleranceMs?: unknown;
  rawBody: unknown;
}): { ok: true; nowMs: number; toleranceMs: number; body: Uint8Array } | Rejection {
  const nowMs = epochMs(options.now);
  if (nowMs === undefined) return { ok: false, reason: 'now is not a valid time' };
  const toleranceMs = validWindow(options.toleranceMs, DEFAULT_TOLERANCE_MS);
  if (toleranceMs === undefined) return { ok: false, reason: 'toleranceMs must be a non-negative number' };
  const body = bodyBytes(options.rawBody);
  if (body === undefined) return { ok: false, reason: 'raw body must be a string or bytes' };
  return { ok: true, nowMs, toleranceMs, body };
}
