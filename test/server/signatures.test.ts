// The receiver's signature wiring: per source, from the configured secrets and key file, verified
// on the raw body before anything is logged; a signed source without a secret is accepted unless
// signatures are required.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  eightByEightBody,
  eightByEightHeaders,
  eightByEightSign,
  NOW,
  rsaKeyPair,
  vonageBody,
  vonageSecret,
  vonageToken,
} from '../signatures/signers.js';
import { type Harness, startServer } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'contactstate-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('signature checks in the receiver', () => {
  it('verifies Vonage tokens with the configured key', async () => {
    const secret = vonageSecret();
    server = await startServer({ vonageSecret: secret }, NOW);
    const body = readFileSync(new URL('../../examples/vonage-sample.ndjson', import.meta.url), 'utf8').split('\n')[0]!;
    const token = await vonageToken(body, secret);
    expect((await server.post('vonage', body, { 'content-type': 'application/json', 'vonage-signature': `Bearer ${token}` })).status).toBe(200);
    expect((await server.post('vonage', body)).status).toBe(401);
    expect((await server.post('vonage', vonageBody, { 'content-type': 'application/json', 'vonage-signature': `Bearer ${token}` })).status).toBe(401);
    expect(server.durable.store.deliveriesAfter(0, 10)).toHaveLength(1);
  });

  it('verifies 8x8 signatures with public keys from a JWK set file, by kid', async () => {
    const { privateKey, publicKey } = await rsaKeyPair();
    const keys = join(dir, 'keys.json');
    writeFileSync(keys, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'key1' }] }));
    server = await startServer({ eightByEightKeys: keys }, NOW);
    const headers = eightByEightHeaders();
    const signature = await eightByEightSign(eightByEightBody, headers, privateKey);
    expect((await server.post('8x8', eightByEightBody, { ...headers, 'x-8x8-signature': signature })).status).toBe(200);
    const unknownKid = await eightByEightSign(eightByEightBody, headers, privateKey, { b64: false, crit: ['b64'], kid: 'key9', alg: 'RS256' });
    expect((await server.post('8x8', eightByEightBody, { ...headers, 'x-8x8-signature': unknownKid })).status).toBe(401);
    expect((await server.post('8x8', eightByEightBody, headers)).status).toBe(401);
  });

  it('accepts an unconfigured signed source unless signatures are required, and never checks webex-sdk or telax', async () => {
    server = await startServer({ requireSignatures: true });
    expect(await server.post('webex', '{}')).toMatchObject({ status: 401, body: { reason: expect.stringMatching(/required/) } });
    expect((await server.post('telax', '{}')).status).toBe(400); // reaches the adapter: no signature to check
    await server.close();
    server = await startServer();
    expect((await server.post('webex', '{}')).status).toBe(400);
    expect(server.logs.some((line) => line['msg'] === 'no signature secret configured: these sources are accepted unverified')).toBe(true);
  });
});
