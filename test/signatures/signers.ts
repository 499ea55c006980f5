// Test-side signers: each builds a delivery the way its vendor documents signing it, with secrets
// and keys the test generates, so the verifiers are checked against an independent construction.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { FlattenedSign, SignJWT, generateKeyPair, type CryptoKey, type JWSHeaderParameters } from 'jose';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}

// Webex: hex HMAC-SHA256 of the raw body; V2 adds the timestamp to body and header.
export function webexBody(timestamp?: number | string): string {
  const envelope: Record<string, unknown> = {
    id: 'e9619c7b-8f8a-45e6-9f32-f44ecef98472',
    specversion: '1.0',
    type: 'agent:login',
    source: '/com/cisco/wxcc/fdcac25f-c5e3-43ba-8455-67c44cf4936c',
    comciscoorgid: '3eb3c4b5-6c60-4893-8bd8-8454537324e4',
    datacontenttype: 'application/json',
    data: { agentId: 'a-1', currentState: 'Idle', createdTime: NOW - 50 },
  };
  if (timestamp !== undefined) envelope['comciscotimestamp'] = timestamp;
  return JSON.stringify(envelope);
}

export function webexSign(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

// Vonage: HS256 JWT, keyed by the base64-decoded secret, carrying the body's SHA-256 in hex.
export function vonageSecret(): string {
  return randomBytes(32).toString('base64');
}

export const vonageBody = JSON.stringify({
  specversion: '1.0',
  type: 'channel.connected.v0',
  source: '/vcc/accounts/1/interactions',
  id: 'evt-1',
  time: '2025-06-01T12:00:00Z',
  data: { channel: { interactionId: 'i-1', channelId: 'c-1', party: { agentId: 'ag-1' } }, timestamp: '2025-06-01T12:00:00.000Z' },
});

export interface VonageTokenOptions {
  issuedAtMs?: number;
  lifetimeMs?: number;
  payloadHash?: unknown;
  omitExp?: boolean;
  alg?: 'HS256' | 'HS512';
}

export async function vonageToken(body: string | Uint8Array, secretBase64: string, options: VonageTokenOptions = {}): Promise<string> {
  const issuedAt = Math.floor((options.issuedAtMs ?? NOW) / 1000);
  const claims: Record<string, unknown> = { payload_hash: 'payloadHash' in options ? options.payloadHash : createHash('sha256').update(body).digest('hex') };
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).setIssuedAt(issuedAt);
  if (!options.omitExp) jwt.setExpirationTime(issuedAt + Math.floor((options.lifetimeMs ?? 5 * 60 * 1000) / 1000));
  return jwt.sign(Buffer.from(secretBase64, 'base64'));
}

// 8x8: detached, unencoded-payload RS256 JWS over the checksum-and-headers JSON.
export const eightByEightBody = JSON.stringify({
  eventType: 'AGENT_JOINED',
  messageType: 'SYSTEM',
  conversationId: 'conv-1',
  agentId: 'agent-1',
  agentName: 'Ada Agent',
  timestamp: NOW - 300,
});

export function eightByEightHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-8x8-customer-id': 'customer-1',
    'x-8x8-tenant-id': 'tenant-1',
    'x-8x8-event-id': 'g4nqGuj8TpCa6tiZ3DeeNw',
    'x-8x8-retry': '0',
    'x-8x8-transmission-time': String(NOW - 200),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export async function rsaKeyPair() {
  return generateKeyPair('RS256');
}

/** Signs a delivery as 8x8 documents it, building the payload here rather than with the code
 *  under test; returns the `x-8x8-signature` value. */
export async function eightByEightSign(
  body: string,
  headers: Record<string, string>,
  privateKey: CryptoKey,
  protectedHeader: JWSHeaderParameters = { b64: false, crit: ['b64'], kid: 'key1', alg: 'RS256' },
): Promise<string> {
  const payload =
    `{"checksum":${crc32(Buffer.from(body))},"cid":${JSON.stringify(headers['x-8x8-customer-id'])},` +
    `"eid":${JSON.stringify(headers['x-8x8-event-id'])},"retry":${Number(headers['x-8x8-retry'])},` +
    `"tid":${JSON.stringify(headers['x-8x8-tenant-id'])},"tt":${Number(headers['x-8x8-transmission-time'])}}`;
  const jws = await new FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader(protectedHeader).sign(privateKey);
  return `${jws.protected}..${jws.signature}`;
}
