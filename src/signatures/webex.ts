// Webex Contact Center webhook signatures.
//
// Seed 001 documents the payloads only. The construction below is Cisco's "Request Verification"
// and "Replay attack prevention" text of the webhooks guide (developer.webex.com
// .../guides/webhooks-cc), known to us through a verbatim copy (see test/sources/webex/fixtures/PROVENANCE.md):
// - `X-WebexCC-Signature` = hex(HMAC-SHA256(key = the subscription's secret, message = the
//   unmodified request body)). Nothing else enters the MAC: not the timestamp header, not the URL.
// - V2 subscriptions also send the dispatch time twice: in the body as `comciscotimestamp` (epoch
//   ms; a string in some doc examples, a number in others) and in the `X-WebExCC-Timestamp` header.
//   The two must be equal and the time within a tolerance of now.
import { createHmac } from 'node:crypto';
import {
  VERIFIED,
  constantTimeEqual,
  isWithin,
  lookupHeader,
  normaliseHeaders,
  parseDecimal,
  rejected,
  requireHeader,
  sha256FromHex,
  type HeaderInput,
  type Instant,
  type RawBody,
  type SignatureResult,
  readWindowedInput,
} from './shared.js';

export const WEBEX_SIGNATURE_HEADER = 'X-WebexCC-Signature';
export const WEBEX_TIMESTAMP_HEADER = 'X-WebExCC-Timestamp';

export interface WebexSignatureOptions {
  rawBody: RawBody;
  headers: HeaderInput;
  /** The `secret` given when the subscription was created, used as the HMAC key as is. */
  secret: string | Uint8Array;
  now: Instant;
  /** How far the V2 timestamp may be from `now`, either way (default 5 minutes). */
  toleranceMs?: number;
  /** Refuse V1 deliveries (no timestamp at all). Set it when every subscription is V2: a V1
   *  delivery carries no time, so a captured one verifies forever. */
  requireTimestamp?: boolean;
}

export function verifyWebexSignature(options: WebexSignatureOptions): SignatureResult {
  const secret = typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
  if (!(secret instanceof Uint8Array) || secret.length === 0) return rejected('no Webex secret configured');
  const input = readWindowedInput(options);
  if (!input.ok) return input;
  const { nowMs, toleranceMs, body } = input;

  const headers = normaliseHeaders(options.headers);
  const signatureHeader = requireHeader(headers, WEBEX_SIGNATURE_HEADER);
  if (!signatureHeader.ok) return rejected(signatureHeader.reason);
  const claimed = sha256FromHex(signatureHeader.value);
  if (claimed === undefined) return rejected(`malformed ${WEBEX_SIGNATURE_HEADER} header: expected 64 hex digits`);
  const expected = createHmac('sha256', secret).update(body).digest();
  if (!constantTimeEqual(claimed, expected)) return rejected(`${WEBEX_SIGNATURE_HEADER} does not match the body`);

  // From here on the body is authentic, so reading its timestamp is reading signed data.
  const timestampHeader = lookupHeader(headers, WEBEX_TIMESTAMP_HEADER);
  if (!timestampHeader.ok) return rejected(timestampHeader.reason);
  const signedTime = signedTimestamp(body);
  if (signedTime === 'malformed') return rejected('malformed comciscotimestamp in the body: expected epoch milliseconds');

  if (signedTime === undefined) {
    // The header is not covered by the MAC: on its own it proves nothing. A header without the
    // body field is a delivery the guide does not describe, so it is refused rather than guessed at.
    if (timestampHeader.value !== undefined) return rejected(`${WEBEX_TIMESTAMP_HEADER} header present but the signed body has no comciscotimestamp`);
    return options.requireTimestamp ? rejected(`missing ${WEBEX_TIMESTAMP_HEADER} header (V1 delivery, and a timestamp is required)`) : VERIFIED;
  }
  // The body says V2, and the body cannot be stripped of it without breaking the MAC: so the
  // header must be there too (a V2 delivery cannot be downgraded to V1 by dropping it).
  if (timestampHeader.value === undefined) return rejected(`missing ${WEBEX_TIMESTAMP_HEADER} header (the body carries comciscotimestamp)`);
  const headerTime = parseDecimal(timestampHeader.value);
  if (headerTime === undefined) return rejected(`malformed ${WEBEX_TIMESTAMP_HEADER} header: expected epoch milliseconds`);
  if (headerTime !== signedTime) return rejected(`${WEBEX_TIMESTAMP_HEADER} header does not equal the body's comciscotimestamp`);
  // Both directions: the guide's sample only refuses old times, but a time far in the future is
  // as suspect (and as replayable) as an old one.
  if (!isWithin(signedTime, nowMs, toleranceMs)) return rejected(`${WEBEX_TIMESTAMP_HEADER} is more than ${toleranceMs} ms from now`);
  return VERIFIED;
}

/** The body's top-level `comciscotimestamp`: undefined when absent (or the body is not a JSON
 *  object; the adapter rejects that later, with the schema's words). */
function signedTimestamp(body: Uint8Array): number | undefined | 'malformed' {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  if (!Object.hasOwn(parsed, 'comciscotimestamp')) return undefined;
  const value: unknown = (parsed as Record<string, unknown>)['comciscotimestamp'];
  if (typeof value === 'string') return parseDecimal(value) ?? 'malformed';
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return 'malformed';
}
