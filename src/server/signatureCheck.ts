// The receiver's signature hook: which sources are checked, with which secret. A source with a
// configured secret or key is verified on the raw body (src/signatures); a signed source without
// one is accepted unless signatures are required; webex-sdk and telax document no signature.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { SourceId } from '../events/canonical.js';
import { type EightByEightKeyResolver, isSignedSource, type SignatureResult, verifySignature } from '../signatures/index.js';

export interface SignatureInput {
  rawBody: Uint8Array;
  headers: Record<string, string | string[] | undefined>;
  now: number;
}

/** The hook the webhook route calls before anything else reads the body. */
export type SignatureVerifier = (source: SourceId, input: SignatureInput) => Promise<SignatureResult>;

export interface SignatureSecrets {
  webexSecret?: string;
  vonageSecret?: string;
  eightByEightKeys?: EightByEightKeyResolver;
  requireSignatures?: boolean;
}

const ACCEPTED: SignatureResult = Object.freeze({ ok: true });

export function signatureVerifier(secrets: SignatureSecrets): SignatureVerifier {
  return async (source, input) => {
    if (!isSignedSource(source)) return ACCEPTED;
    const configured =
      (source === 'webex' && secrets.webexSecret !== undefined) ||
      (source === 'vonage' && secrets.vonageSecret !== undefined) ||
      (source === '8x8' && secrets.eightByEightKeys !== undefined);
    if (!configured) {
      return secrets.requireSignatures ? { ok: false, reason: `signatures are required and none is configured for ${source}` } : ACCEPTED;
    }
    return verifySignature(source, {
      rawBody: input.rawBody,
      headers: input.headers,
      now: input.now,
      ...(source === 'webex' ? { secret: secrets.webexSecret } : {}),
      ...(source === 'vonage' ? { secret: secrets.vonageSecret } : {}),
      ...(source === '8x8' ? { keyResolver: secrets.eightByEightKeys } : {}),
    });
  };
}

/** The signed sources that would be accepted without a check: said once at startup. */
export function unverifiedSources(secrets: SignatureSecrets): SourceId[] {
  if (secrets.requireSignatures) return [];
  const unverified: SourceId[] = [];
  if (secrets.webexSecret === undefined) unverified.push('webex');
  if (secrets.vonageSecret === undefined) unverified.push('vonage');
  if (secrets.eightByEightKeys === undefined) unverified.push('8x8');
  return unverified;
}

/**
 * 8x8's public keys from a JSON file: `{"keys": [JWK with kid, ...]}` (a JWK set) or
 * `{"<kid>": JWK or PEM text}`. Read once at startup; an unknown kid is a bad signature.
 */
export function eightByEightKeysFromFile(path: string): EightByEightKeyResolver {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const byKid = new Map<string, JWK | KeyObject>();
  if (isRecord(parsed) && Array.isArray(parsed['keys'])) {
    for (const key of parsed['keys'] as unknown[]) {
      if (isRecord(key) && typeof key['kid'] === 'string') byKid.set(key['kid'], key as JWK);
    }
  } else if (isRecord(parsed)) {
    for (const [kid, key] of Object.entries(parsed)) {
      if (typeof key === 'string') byKid.set(kid, createPublicKey(key));
      else if (isRecord(key)) byKid.set(kid, key as JWK);
    }
  }
  if (byKid.size === 0) throw new Error(`${path}: no 8x8 public keys found (expected {"keys": [...]} or {"<kid>": key})`);
  return (kid) => byKid.get(kid);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
