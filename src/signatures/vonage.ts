// Vonage Contact Center webhook signatures.
//
// Seed 003 lists the event types only. The construction is Vonage's "Verifying and responding to a
// signed webhook notification" page and its reference consumer (newvoicemedia/vcc-node-code-snippets,
// webhook-consumer/app.js, cited in test/sources/vonage/fixtures/PROVENANCE.md):
// - header `Vonage-Signature: Bearer <JWT>`, the JWT signed HS256 with the subscription's signing
//   key, which the admin portal shows base64-encoded: the HMAC key is its base64 *decoding*;
// - claim `payload_hash` = SHA-256 of the raw request body, as lower-case hex (the reference code
//   decodes it with `Buffer.from(hash, 'hex')`);
// - "the signature expires 5 minutes after it is issued": the token's `exp`, which jose checks.
import { createHash } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import {
  DEFAULT_TOLERANCE_MS,
  VERIFIED,
  bodyBytes,
  constantTimeEqual,
  epochMs,
  isWithin,
  normaliseHeaders,
  rejected,
  requireHeader,
  sha256FromHex,
  validWindow,
  type HeaderInput,
  type Instant,
  type RawBody,
  type SignatureResult,
} from './shared.js';

export const VONAGE_SIGNATURE_HEADER = 'Vonage-Signature';

export interface VonageSignatureOptions {
  rawBody: RawBody;
  headers: HeaderInput;
  /** The subscription's signing key exactly as the portal shows it (base64). */
  secret: string;
  now: Instant;
  /** Allowed clock difference with Vonage when checking `exp`, `nbf` and `iat` (default 0). */
  clockSkewMs?: number;
  /** How far a token's `iat`, when it has one, may be from `now` (default 5 minutes, Vonage's
   *  lifetime): guards against a token whose `exp` is further away than documented. */
  maxAgeMs?: number;
}

// Standard or URL-safe alphabet, padding optional: Buffer decodes both, but would also skip any
// other character silently, turning a mistyped secret into a different key.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
// RFC 6750: the scheme name is case-insensitive; the token is a compact JWS (three parts).
const BEARER = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

export async function verifyVonageSignature(options: VonageSignatureOptions): Promise<SignatureResult> {
  const secret = typeof options.secret === 'string' ? options.secret.trim() : '';
  if (!BASE64.test(secret)) return rejected('no Vonage secret configured, or it is not base64');
  const key = Buffer.from(secret, 'base64');
  if (key.length === 0) return rejected('the Vonage secret decodes to no bytes');
  const nowMs = epochMs(options.now);
  if (nowMs === undefined) return rejected('now is not a valid time');
  const clockSkewMs = validWindow(options.clockSkewMs, 0);
  const maxAgeMs = validWindow(options.maxAgeMs, DEFAULT_TOLERANCE_MS);
  if (clockSkewMs === undefined || maxAgeMs === undefined) return rejected('clockSkewMs and maxAgeMs must be non-negative numbers');
  const body = bodyBytes(options.rawBody);
  if (body === undefined) return rejected('raw body must be a string or bytes');

  const header = requireHeader(normaliseHeaders(options.headers), VONAGE_SIGNATURE_HEADER);
  if (!header.ok) return rejected(header.reason);
  const token = BEARER.exec(header.value)?.[1];
  if (token === undefined) return rejected(`malformed ${VONAGE_SIGNATURE_HEADER} header: expected "Bearer <JWT>"`);

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      currentDate: new Date(nowMs),
      clockTolerance: clockSkewMs / 1000,
      requiredClaims: ['exp', 'payload_hash'],
    }));
  } catch (error) {
    return rejected(tokenFailure(error));
  }

  // Either way, as for the other vendors' timestamps: jose leaves a future `iat` alone, and a token
  // "issued" an hour ahead would stay valid for an hour and five minutes.
  if (typeof claims.iat === 'number' && !isWithin(claims.iat * 1000, nowMs, maxAgeMs + clockSkewMs)) {
    return rejected(`${VONAGE_SIGNATURE_HEADER} token was issued more than ${maxAgeMs} ms from now`);
  }
  const claimedHash = typeof claims['payload_hash'] === 'string' ? sha256FromHex(claims['payload_hash']) : undefined;
  if (claimedHash === undefined) return rejected('malformed payload_hash claim: expected 64 hex digits');
  const bodyHash = createHash('sha256').update(body).digest();
  if (!constantTimeEqual(claimedHash, bodyHash)) return rejected('payload_hash claim does not match the body');
  return VERIFIED;
}

/** jose's failure, said in the words of this check. */
function tokenFailure(error: unknown): string {
  const what = `${VONAGE_SIGNATURE_HEADER} token`;
  if (error instanceof errors.JWTExpired) return `${what} expired (${error.claim})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return `${what} signature does not match the secret`;
  if (error instanceof errors.JOSEAlgNotAllowed) return `${what} is not signed with HS256`;
  if (error instanceof errors.JWTClaimValidationFailed) return `${what} claim ${error.claim} is invalid: ${error.message}`;
  if (error instanceof errors.JOSEError) return `malformed ${what}: ${error.message}`;
  return `${what} could not be verified: ${error instanceof Error ? error.message : String(error)}`;
}
