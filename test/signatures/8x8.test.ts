import { readFileSync } from 'node:fs';
import { decodeProtectedHeader, exportJWK, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { eightByEightSigningPayload, verify8x8Signature, type EightByEightSignatureOptions } from '../../src/signatures/8x8.js';
import { NOW, eightByEightBody, eightByEightHeaders, eightByEightSign, rsaKeyPair } from './signers.js';

let privateKey: CryptoKey;
let publicKey: CryptoKey;
let otherPrivateKey: CryptoKey;

beforeAll(async () => {
  ({ privateKey, publicKey } = await rsaKeyPair());
  ({ privateKey: otherPrivateKey } = await rsaKeyPair());
});

const keys = () => (kid: string) => (kid === 'key1' ? publicKey : undefined);

async function signed(overrides: Partial<EightByEightSignatureOptions> = {}, headerOverrides: Record<string, string | undefined> = {}): Promise<EightByEightSignatureOptions> {
  const headers = eightByEightHeaders(headerOverrides);
  headers['x-8x8-signature'] = await eightByEightSign(eightByEightBody, headers, privateKey);
  return { rawBody: Buffer.from(eightByEightBody), headers, keyResolver: keys(), now: NOW, ...overrides };
}

function withHeader(options: EightByEightSignatureOptions, name: string, value: string | undefined): EightByEightSignatureOptions {
  const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...options, headers };
}

const refused = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe('8x8 x-8x8-signature', () => {
  it('accepts a detached RS256 JWS over the checksum and delivery headers', async () => {
    expect(await verify8x8Signature(await signed())).toEqual({ ok: true });
  });

  it('accepts an async resolver returning a JWK, and headers in any case', async () => {
    const jwk = await exportJWK(publicKey);
    const options = await signed({ keyResolver: async (kid) => (kid === 'key1' ? jwk : undefined) });
    const upper = Object.fromEntries(Object.entries(options.headers).map(([name, value]) => [name.toUpperCase(), value]));
    expect(await verify8x8Signature({ ...options, headers: upper })).toEqual({ ok: true });
  });

  it('refuses a tampered body', async () => {
    expect(await verify8x8Signature(await signed({ rawBody: eightByEightBody.replace('agent-1', 'agent-2') }))).toEqual(
      refused(/does not match the body and delivery headers/),
    );
  });

  it.each([
    ['x-8x8-event-id', 'another-event'],
    ['x-8x8-tenant-id', 'tenant-2'],
    ['x-8x8-customer-id', 'customer-2'],
    ['x-8x8-retry', '1'],
    ['x-8x8-transmission-time', String(NOW - 100)],
  ])('refuses a delivery whose signed header %s was changed', async (name, value) => {
    expect(await verify8x8Signature(withHeader(await signed(), name, value))).toEqual(refused(/does not match/));
  });

  it('refuses a signature made with another key, and a kid it does not know', async () => {
    const options = await signed();
    const headers = options.headers as Record<string, string>;
    const forged = await eightByEightSign(eightByEightBody, headers, otherPrivateKey);
    expect(await verify8x8Signature(withHeader(options, 'x-8x8-signature', forged))).toEqual(refused(/does not match/));
    const unknownKid = await eightByEightSign(eightByEightBody, headers, privateKey, { b64: false, crit: ['b64'], kid: 'key2', alg: 'RS256' });
    expect(await verify8x8Signature(withHeader(options, 'x-8x8-signature', unknownKid))).toEqual(refused(/unknown 8x8 signing key "key2"/));
  });

  it('reports a failed key lookup as retryable', async () => {
    const result = await verify8x8Signature(await signed({ keyResolver: async () => Promise.reject(new Error('key API timed out')) }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/lookup for kid "key1" failed: key API timed out/), retryable: true });
  });

  it('refuses a transmission time outside the tolerance, either way, and honours a configured one', async () => {
    const options = await signed();
    expect(await verify8x8Signature({ ...options, now: NOW - 200 + 5 * 60 * 1000 + 1 })).toEqual(refused(/x-8x8-transmission-time is more than 300000 ms from now/));
    expect(await verify8x8Signature({ ...options, now: NOW - 200 - 5 * 60 * 1000 - 1 })).toEqual(refused(/from now/));
    expect(await verify8x8Signature({ ...options, toleranceMs: 100 })).toEqual(refused(/more than 100 ms/));
    expect(await verify8x8Signature({ ...options, now: NOW + 24 * 3600 * 1000, toleranceMs: Infinity })).toEqual({ ok: true });
  });

  it.each(['x-8x8-signature', 'x-8x8-customer-id', 'x-8x8-tenant-id', 'x-8x8-event-id', 'x-8x8-retry', 'x-8x8-transmission-time'])(
    'refuses a delivery missing the %s header',
    async (name) => {
      expect(await verify8x8Signature(withHeader(await signed(), name, undefined))).toEqual(refused(new RegExp(`missing ${name} header`)));
    },
  );

  it.each([
    ['garbage', 'garbage'],
    ['an attached (non-detached) JWS', 'eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln'],
    ['a truncated value', 'eyJiNjQiOmZhbHNlLCJjcml0IjpbImI2NCJdLCJraWQiOiJrZXkxIiwiYWxnIjoiUlMyNTYifQ..'],
    ['a header that is not JSON', 'bm90IGpzb24..c2ln'],
    ['a Bearer scheme', 'Bearer eyJiNjQiOmZhbHNlfQ..c2ln'],
  ])('refuses a malformed signature header (%s) without throwing', async (_label, value) => {
    expect(await verify8x8Signature(withHeader(await signed(), 'x-8x8-signature', value))).toEqual(refused(/malformed x-8x8-signature/));
  });

  it('refuses a truncated signature part', async () => {
    const options = await signed();
    const value = String((options.headers as Record<string, string>)['x-8x8-signature']);
    expect(await verify8x8Signature(withHeader(options, 'x-8x8-signature', value.slice(0, -10)))).toEqual(refused(/x-8x8-signature/));
  });

  it('refuses a JOSE header that is not the documented one (alg, b64, kid)', async () => {
    const headers = eightByEightHeaders();
    const encoded = await eightByEightSign(eightByEightBody, headers, privateKey, { alg: 'RS256', kid: 'key1' });
    const options = await signed();
    expect(await verify8x8Signature(withHeader(options, 'x-8x8-signature', encoded))).toEqual(refused(/unencoded payload/));
    const noKid = await eightByEightSign(eightByEightBody, headers, privateKey, { b64: false, crit: ['b64'], alg: 'RS256' });
    expect(await verify8x8Signature(withHeader(options, 'x-8x8-signature', noKid))).toEqual(refused(/names no key/));
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', b64: false, crit: ['b64'], kid: 'key1' })).toString('base64url')}..c2ln`;
    expect(await verify8x8Signature(withHeader(options, 'x-8x8-signature', none))).toEqual(refused(/must use RS256/));
  });

  it('refuses numeric headers that are not decimal integers', async () => {
    expect(await verify8x8Signature(withHeader(await signed(), 'x-8x8-retry', 'one'))).toEqual(refused(/malformed x-8x8-retry/));
    expect(await verify8x8Signature(withHeader(await signed(), 'x-8x8-transmission-time', '1e12'))).toEqual(refused(/malformed x-8x8-transmission-time/));
  });

  it('returns a reason, never throws, on hostile input', async () => {
    const options = await signed();
    for (const headers of [null, 7, { 'x-8x8-signature': ['a..b', 'c..d'] }]) {
      expect((await verify8x8Signature({ ...options, headers: headers as EightByEightSignatureOptions['headers'] })).ok).toBe(false);
    }
    expect((await verify8x8Signature({ ...options, keyResolver: undefined as never })).ok).toBe(false);
    expect((await verify8x8Signature({ ...options, keyResolver: () => ({ kty: 'oct', k: 'AAAA' }) })).ok).toBe(false);
    expect((await verify8x8Signature({ ...options, rawBody: 12 as unknown as string })).ok).toBe(false);
  });
});

// The doc's signed example (test/sources/8x8/fixtures): the payload can be rebuilt and the header parsed,
// but not verified: 8x8's public key "key1" is not published with it, and the doc's "data to be
// signed" example carries a checksum (1411811814) that is not the CRC32 of its own example body.
describe('8x8 documented example', () => {
  const dir = new URL('../sources/8x8/fixtures/', import.meta.url);
  const body = readFileSync(new URL('legacy-chat-api_AGENT_JOINED_signed-curl-example_body.json', dir), 'utf8').trimEnd();
  const headers = Object.fromEntries(
    readFileSync(new URL('legacy-chat-api_AGENT_JOINED_signed-curl-example_headers.txt', dir), 'utf8')
      .split('\n')
      .filter((line) => line.includes(': '))
      .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)] as const),
  );
  const documented = JSON.parse(readFileSync(new URL('signature_detached-jws-payload_example.json', dir), 'utf8')) as Record<string, unknown>;

  it('rebuilds the documented payload: same keys, order and header values; the checksum is the body CRC32', () => {
    const rebuilt = eightByEightSigningPayload(Buffer.from(body), {
      customerId: String(headers['x-8x8-customer-id']),
      tenantId: String(headers['x-8x8-tenant-id']),
      eventId: String(headers['x-8x8-event-id']),
      retry: String(headers['x-8x8-retry']),
      transmissionTime: String(headers['x-8x8-transmission-time']),
    });
    expect(rebuilt.ok).toBe(true);
    if (!rebuilt.ok) return;
    expect(rebuilt.payload).toBe('{"checksum":1564621066,"cid":"vccC8ProdChecksUS","eid":"g4nqGuj8TpCa6tiZ3DeeNw","retry":0,"tid":"vccC8ProdChecksUS","tt":1629804577296}');
    expect(Object.keys(JSON.parse(rebuilt.payload))).toEqual(Object.keys(documented));
    expect({ ...JSON.parse(rebuilt.payload), checksum: documented['checksum'] }).toEqual(documented);
  });

  it('parses the documented signature header, and refuses it for want of 8x8\'s key', async () => {
    expect(decodeProtectedHeader(String(headers['x-8x8-signature']))).toEqual({ b64: false, crit: ['b64'], kid: 'key1', alg: 'RS256' });
    const now = Number(headers['x-8x8-transmission-time']);
    expect(await verify8x8Signature({ rawBody: body, headers, now, keyResolver: () => undefined })).toEqual(refused(/unknown 8x8 signing key "key1"/));
    expect(await verify8x8Signature({ rawBody: body, headers, now, keyResolver: () => publicKey })).toEqual(refused(/does not match/));
  });
});
