// One entry point for the webhook receiver: verify a delivery's signature by its source id, so the
// route `POST /webhooks/:source` can call it before anything else touches the body.
import { verify8x8Signature, type EightByEightKeyResolver } from './8x8.js';
import { rejected, type HeaderInput, type Instant, type RawBody, type SignatureResult } from './shared.js';
import { verifyVonageSignature } from './vonage.js';
import { verifyWebexSignature } from './webex.js';

export type { SignatureResult, HeaderInput, Instant, RawBody } from './shared.js';
export { DEFAULT_TOLERANCE_MS } from './shared.js';
export { verifyWebexSignature, WEBEX_SIGNATURE_HEADER, WEBEX_TIMESTAMP_HEADER, type WebexSignatureOptions } from './webex.js';
export { verifyVonageSignature, VONAGE_SIGNATURE_HEADER, type VonageSignatureOptions } from './vonage.js';
export {
  verify8x8Signature,
  eightByEightSigningPayload,
  EIGHT_BY_EIGHT_SIGNATURE_HEADER,
  type EightByEightDeliveryHeaders,
  type EightByEightKeyResolver,
  type EightByEightPublicKey,
  type EightByEightSignatureOptions,
} from './8x8.js';

/** The sources whose vendor documents a webhook signature. `webex-sdk` events come from the SDK in
 *  the agent's browser and Telax publishes no scheme: they have nothing to verify. */
export const SIGNED_SOURCES = ['webex', 'vonage', '8x8'] as const;
export type SignedSource = (typeof SIGNED_SOURCES)[number];

export function isSignedSource(source: string): source is SignedSource {
  return (SIGNED_SOURCES as readonly string[]).includes(source);
}

export interface VerifySignatureInput {
  rawBody: RawBody;
  headers: HeaderInput;
  now: Instant;
  /** Webex: the subscription secret. Vonage: the signing key as the portal shows it (base64). */
  secret?: string;
  /** 8x8: finds the public key by the JWS `kid`. */
  keyResolver?: EightByEightKeyResolver;
  /** Webex and 8x8: how far the delivery's timestamp may be from `now` (default 5 minutes). */
  toleranceMs?: number;
  /** Webex: refuse V1 deliveries, which carry no timestamp. */
  requireTimestamp?: boolean;
  /** Vonage: allowed clock difference when checking the token's times (default 0). */
  clockSkewMs?: number;
  /** Vonage: oldest accepted token by its `iat` (default 5 minutes). */
  maxAgeMs?: number;
}

/**
 * Verifies a delivery's signature for `source`. Never throws: a hostile or broken delivery, a
 * missing secret and an unknown source all come back as `{ ok: false, reason }`.
 */
export async function verifySignature(source: string, input: VerifySignatureInput): Promise<SignatureResult> {
  if (!isSignedSource(source)) return rejected(`source "${String(source)}" has no documented webhook signature`);
  try {
    return await verifyBySource(source, input);
  } catch (error) {
    // The vendor checks return values for every input we know of; this is the net for a bug,
    // so that it refuses one delivery instead of taking the receiver down.
    return rejected(`${source} signature check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// An option left undefined keeps the vendor check's default.
function verifyBySource(source: SignedSource, input: VerifySignatureInput): SignatureResult | Promise<SignatureResult> {
  const { rawBody, headers, now } = input;
  switch (source) {
    case 'webex':
      if (input.secret === undefined) return rejected('no Webex secret configured');
      return verifyWebexSignature({ rawBody, headers, now, secret: input.secret, toleranceMs: input.toleranceMs, requireTimestamp: input.requireTimestamp });
    case 'vonage':
      if (input.secret === undefined) return rejected('no Vonage secret configured');
      return verifyVonageSignature({ rawBody, headers, now, secret: input.secret, clockSkewMs: input.clockSkewMs, maxAgeMs: input.maxAgeMs });
    case '8x8':
      if (input.keyResolver === undefined) return rejected('no 8x8 key resolver configured');
      return verify8x8Signature({ rawBody, headers, now, keyResolver: input.keyResolver, toleranceMs: input.toleranceMs });
    default: {
      const unhandled: never = source;
      return rejected(`source "${String(unhandled)}" has no signature check`);
    }
  }
}

