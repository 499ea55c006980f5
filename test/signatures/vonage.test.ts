import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyVonageSignature, type VonageSignatureOptions } from '../../src/signatures/vonage.js';
import { NOW, vonageBody, vonageSecret, vonageToken, type VonageTokenOptions } from './signers.js';

const secret = vonageSecret();

async function signed(token: VonageTokenOptions = {}, overrides: Partial<VonageSignatureOptions> = {}): Promise<VonageSignatureOptions> {
  return {
    rawBody: Buffer.from(vonageBody),
    headers: { 'Vonage-Signature': `Bearer ${await vonageToken(vonageBody, secret, token)}` },
    secret,
    now: NOW + 1000,
    ...overrides,
  };
}

const refused = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe('Vonage Vonage-Signature', () => {
  it('accepts a token signed with the base64-decoded secret whose payload_hash is the body SHA-256', async () => {
    expect(await verifyVonageSignature(await signed())).toEqual({ ok: true });
  });

  it('reads the header lower-cased, as Node delivers it, and the body as text', async () => {
    const options = await signed();
    const headers = { 'vonage-signature': (options.headers as Record<string, string>)['Vonage-Signature'] };
    expect(await verifyVonageSignature({ ...options, headers, rawBody: vonageBody })).toEqual({ ok: true });
  });

  it('refuses a tampered body', async () => {
    expect(await verifyVonageSignature(await signed({}, { rawBody: vonageBody.replace('ag-1', 'ag-2') }))).toEqual(
      refused(/payload_hash claim does not match the body/),
    );
  });

  it('refuses the wrong secret, and the secret used as a key without base64-decoding it', async () => {
    expect(await verifyVonageSignature(await signed({}, { secret: vonageSecret() }))).toEqual(refused(/signature does not match the secret/));
    // Signed with the bytes of the base64 text itself: the mistake the doc warns about.
    const undecoded = await vonageToken(vonageBody, Buffer.from(secret, 'utf8').toString('base64'));
    expect(await verifyVonageSignature(await signed({}, { headers: { 'Vonage-Signature': `Bearer ${undecoded}` } }))).toEqual(refused(/does not match the secret/));
  });

  it('refuses an expired token, and honours a configured clock skew', async () => {
    const options = await signed();
    expect(await verifyVonageSignature({ ...options, now: NOW + 5 * 60 * 1000 + 1000 })).toEqual(refused(/expired \(exp\)/));
    expect(await verifyVonageSignature({ ...options, now: NOW + 5 * 60 * 1000 + 1000, clockSkewMs: 10_000 })).toEqual({ ok: true });
  });

  it('refuses a token without exp, and one whose iat is older than five minutes even if exp is later', async () => {
    expect(await verifyVonageSignature(await signed({ omitExp: true }))).toEqual(refused(/claim exp is invalid/));
    const longLived = await signed({ lifetimeMs: 60 * 60 * 1000 });
    expect(await verifyVonageSignature({ ...longLived, now: NOW + 6 * 60 * 1000 })).toEqual(refused(/issued more than 300000 ms from now/));
    expect(await verifyVonageSignature({ ...longLived, now: NOW + 6 * 60 * 1000, maxAgeMs: 10 * 60 * 1000 })).toEqual({ ok: true });
  });

  it('refuses a token issued far in the future, whose exp would outlive the five minutes', async () => {
    expect(await verifyVonageSignature(await signed({ issuedAtMs: NOW + 60 * 60 * 1000 }))).toEqual(refused(/issued more than 300000 ms from now/));
    expect(await verifyVonageSignature(await signed({ issuedAtMs: NOW + 2000 }))).toEqual({ ok: true });
  });

  it('refuses a token signed with another algorithm', async () => {
    expect(await verifyVonageSignature(await signed({ alg: 'HS512' }))).toEqual(refused(/not signed with HS256/));
  });

  it('refuses a missing or malformed payload_hash claim', async () => {
    expect(await verifyVonageSignature(await signed({ payloadHash: undefined }))).toEqual(refused(/payload_hash/));
    expect(await verifyVonageSignature(await signed({ payloadHash: 'abc' }))).toEqual(refused(/malformed payload_hash/));
    const base64Hash = createHash('sha256').update(vonageBody).digest('base64');
    expect(await verifyVonageSignature(await signed({ payloadHash: base64Hash }))).toEqual(refused(/malformed payload_hash/));
    expect(await verifyVonageSignature(await signed({ payloadHash: 42 }))).toEqual(refused(/malformed payload_hash/));
  });

  it('refuses a missing header', async () => {
    expect(await verifyVonageSignature(await signed({}, { headers: {} }))).toEqual(refused(/missing Vonage-Signature header/));
  });

  it.each([
    ['no scheme', (token: string) => token],
    ['another scheme', (token: string) => `Basic ${token}`],
    ['garbage', () => 'Bearer garbage'],
    ['a truncated token', (token: string) => `Bearer ${token.slice(0, token.lastIndexOf('.'))}`],
    ['a cut signature', (token: string) => `Bearer ${token.slice(0, -5)}`],
    ['a token of junk parts', () => 'Bearer aaaa.bbbb.cccc'],
  ])('refuses a malformed header (%s) without throwing', async (_label, header) => {
    const token = await vonageToken(vonageBody, secret);
    const result = await verifyVonageSignature(await signed({}, { headers: { 'Vonage-Signature': header(token) } }));
    expect(result.ok).toBe(false);
  });

  it('refuses an unusable secret or clock without throwing', async () => {
    expect(await verifyVonageSignature(await signed({}, { secret: '' }))).toEqual(refused(/no Vonage secret/));
    expect(await verifyVonageSignature(await signed({}, { secret: 'not base64!' }))).toEqual(refused(/not base64/));
    expect(await verifyVonageSignature(await signed({}, { secret: undefined as unknown as string }))).toEqual(refused(/no Vonage secret/));
    expect(await verifyVonageSignature(await signed({}, { now: new Date(Number.NaN) }))).toEqual(refused(/now is not a valid time/));
  });
});
