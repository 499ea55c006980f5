// 8x8 webhook signatures.
//
// Seed 004 lists the events only. The construction is 8x8's "Validating webhook events" page
// (test/sources/8x8/fixtures/PROVENANCE.md):
// - `x-8x8-signature` is a compact JWS with a detached, unencoded payload (RFC 7797):
//   `BASE64URL(protected header) + '..' + BASE64URL(signature)`, header
//   `{"b64":false,"crit":["b64"],"kid":...,"alg":"RS256"}`; the key is 8x8's public key for `kid`.
// - The signed payload is rebuilt from the delivery: the JSON object
//   `{"checksum","cid","eid","retry","tid","tt"}` in exactly that (lexicographic) key order, where
//   checksum = CRC32 of the raw body bytes as an unsigned decimal number, cid/tid/eid = the
//   x-8x8-customer-id / tenant-id / event-id headers (strings), retry and tt = the x-8x8-retry and
//   x-8x8-transmission-time headers (numbers). The page does not say "no whitespace"; its Java, PHP
//   and Node samples all serialise compactly (Gson, json_encode, JSON.stringify), so do we.
// - Signing input: ASCII(BASE64URL(header)) || '.' || payload, verified RS256 (jose does this).
// The doc's example request and its "data to be signed" example disagree (CRC32 of that body is
// 1564621066, the example says 1411811814), and 8x8's key1 is not published offline, so the example
// signature cannot serve as a test vector; tests sign their own deliveries.
import { crc32 } from 'node:zlib';
import { decodeProtectedHeader, errors, flattenedVerify, type CryptoKey, type JWK, type KeyObject, type ProtectedHeaderParameters } from 'jose';
import {
  VERIFIED,
  isWithin,
  normaliseHeaders,
  parseDecimal,
  quoted,
  rejected,
  requireHeader,
  type HeaderInput,
  type Instant,
  type NormalisedHeaders,
  type RawBody,
  type SignatureResult,
  readWindowedInput,
} from './shared.js';

export const EIGHT_BY_EIGHT_SIGNATURE_HEADER = 'x-8x8-signature';

/** A public key for RS256: a CryptoKey, a Node KeyObject, or a JWK as 8x8's key API returns it. */
export type EightByEightPublicKey = CryptoKey | KeyObject | JWK;

/** Finds 8x8's public key by the JWS `kid` (e.g. from https://api.8x8.com/vcc/{region}/chat/v2/jwk/{kid}/public,
 *  cached). Return undefined for a kid you do not know; throw (or reject) only when the lookup
 *  itself failed, which is reported as retryable. */
export type EightByEightKeyResolver = (kid: string) => EightByEightPublicKey | undefined | null | Promise<EightByEightPublicKey | undefined | null>;

export interface EightByEightSignatureOptions {
  rawBody: RawBody;
  headers: HeaderInput;
  keyResolver: EightByEightKeyResolver;
  now: Instant;
  /** How far x-8x8-transmission-time may be from `now`, either way (default 5 minutes). The doc
   *  sets no window; the header is signed and renewed on each retry, so a window is safe to apply
   *  and makes a captured delivery useless soon after. `Infinity` turns it off. */
  toleranceMs?: number;
}

/** The delivery headers that the signed payload is built from. */
export interface EightByEightDeliveryHeaders {
  customerId: string;
  tenantId: string;
  eventId: string;
  retry: string;
  transmissionTime: string;
}

const DELIVERY_HEADERS = {
  customerId: 'x-8x8-customer-id',
  tenantId: 'x-8x8-tenant-id',
  eventId: 'x-8x8-event-id',
  retry: 'x-8x8-retry',
  transmissionTime: 'x-8x8-transmission-time',
} as const satisfies Record<keyof EightByEightDeliveryHeaders, string>;

const DETACHED_COMPACT_JWS = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/;

/** The detached JWS payload for a delivery (exported for tests and for debugging a mismatch) with
 *  the transmission time it states, or a reason when a numeric header is not a decimal integer. */
export function eightByEightSigningPayload(
  body: Uint8Array,
  headers: EightByEightDeliveryHeaders,
): { ok: true; payload: string; transmittedAt: number } | { ok: false; reason: string } {
  const retry = parseDecimal(headers.retry);
  if (retry === undefined) return { ok: false, reason: `malformed ${DELIVERY_HEADERS.retry} header: expected a decimal integer` };
  const tt = parseDecimal(headers.transmissionTime);
  if (tt === undefined) return { ok: false, reason: `malformed ${DELIVERY_HEADERS.transmissionTime} header: expected epoch milliseconds` };
  // Key order is part of the signature: build the object literal in the documented order.
  const payload = { checksum: crc32(body), cid: headers.customerId, eid: headers.eventId, retry, tid: headers.tenantId, tt };
  return { ok: true, payload: JSON.stringify(payload), transmittedAt: tt };
}

export async function verify8x8Signature(options: EightByEightSignatureOptions): Promise<SignatureResult> {
  if (typeof options.keyResolver !== 'function') return rejected('no 8x8 key resolver configured');
  const input = readWindowedInput(options);
  if (!input.ok) return input;
  const { nowMs, toleranceMs, body } = input;

  const headers = normaliseHeaders(options.headers);
  const signature = requireHeader(headers, EIGHT_BY_EIGHT_SIGNATURE_HEADER);
  if (!signature.ok) return rejected(signature.reason);
  const parts = DETACHED_COMPACT_JWS.exec(signature.value);
  if (parts === null) return rejected(`malformed ${EIGHT_BY_EIGHT_SIGNATURE_HEADER} header: expected a detached JWS "<header>..<signature>"`);
  const [, protectedPart = '', signaturePart = ''] = parts;
  const header = readProtectedHeader(signature.value);
  if (typeof header === 'string') return rejected(header);

  const delivery = readDeliveryHeaders(headers);
  if (!delivery.ok) return rejected(delivery.reason);
  const signed = eightByEightSigningPayload(body, delivery.value);
  if (!signed.ok) return rejected(signed.reason);
  // Cheap before costly: a stale delivery is refused before any key lookup or RSA work.
  if (!isWithin(signed.transmittedAt, nowMs, toleranceMs)) return rejected(`${DELIVERY_HEADERS.transmissionTime} is more than ${toleranceMs} ms from now`);

  let key: EightByEightPublicKey | undefined | null;
  try {
    key = await options.keyResolver(header.kid);
  } catch (error) {
    return { ok: false, reason: `8x8 key lookup for kid ${quoted(header.kid)} failed: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
  }
  if (key === undefined || key === null) return rejected(`unknown 8x8 signing key ${quoted(header.kid)}`);

  try {
    await flattenedVerify({ protected: protectedPart, payload: signed.payload, signature: signaturePart }, key, { algorithms: ['RS256'] });
    return VERIFIED;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return rejected(`${EIGHT_BY_EIGHT_SIGNATURE_HEADER} does not match the body and delivery headers`);
    return rejected(`${EIGHT_BY_EIGHT_SIGNATURE_HEADER} could not be verified: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The protected header, checked against what 8x8 documents, or why it is refused. jose would
 *  refuse most of these too, but with less telling messages, and only after the key lookup. */
function readProtectedHeader(token: string): { kid: string } | string {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return `malformed ${EIGHT_BY_EIGHT_SIGNATURE_HEADER} header: its JOSE header is not base64url JSON`;
  }
  if (header.alg !== 'RS256') return `${EIGHT_BY_EIGHT_SIGNATURE_HEADER} must use RS256, not ${quoted(header.alg)}`;
  if (header.b64 !== false || !Array.isArray(header.crit) || !header.crit.includes('b64')) {
    return `${EIGHT_BY_EIGHT_SIGNATURE_HEADER} must have an unencoded payload (b64: false, crit: ["b64"])`;
  }
  const kid = header.kid;
  if (typeof kid !== 'string' || kid === '') return `${EIGHT_BY_EIGHT_SIGNATURE_HEADER} names no key (kid)`;
  return { kid };
}

function readDeliveryHeaders(headers: NormalisedHeaders): { ok: true; value: EightByEightDeliveryHeaders } | { ok: false; reason: string } {
  const value: Partial<Record<keyof EightByEightDeliveryHeaders, string>> = {};
  for (const [field, name] of Object.entries(DELIVERY_HEADERS) as [keyof EightByEightDeliveryHeaders, string][]) {
    // All are required: the Java sample would drop a missing one from the JSON, the PHP sample
    // would write null; rather than guess which 8x8 signed, refuse the delivery.
    const found = requireHeader(headers, name);
    if (!found.ok) return found;
    value[field] = found.value;
  }
  return { ok: true, value: value as EightByEightDeliveryHeaders };
}
