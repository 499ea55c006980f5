import { describe, expect, it } from 'vitest';
import { SIGNED_SOURCES, isSignedSource, verifySignature } from '../../src/signatures/index.js';
import { lookupHeader, normaliseHeaders } from '../../src/signatures/shared.js';
import {
  NOW,
  eightByEightBody,
  eightByEightHeaders,
  eightByEightSign,
  randomSecret,
  rsaKeyPair,
  vonageBody,
  vonageSecret,
  vonageToken,
  webexBody,
  webexSign,
} from './signers.js';

describe('verifySignature dispatch', () => {
  it('verifies each signed source with its own scheme', async () => {
    const secret = randomSecret();
    const webex = webexBody(NOW);
    expect(
      await verifySignature('webex', {
        rawBody: webex,
        headers: { 'x-webexcc-signature': webexSign(webex, secret), 'x-webexcc-timestamp': String(NOW) },
        secret,
        now: NOW,
      }),
    ).toEqual({ ok: true });

    const vonageKey = vonageSecret();
    const token = await vonageToken(vonageBody, vonageKey);
    expect(await verifySignature('vonage', { rawBody: vonageBody, headers: { 'Vonage-Signature': `Bearer ${token}` }, secret: vonageKey, now: NOW })).toEqual({
      ok: true,
    });

    const { privateKey, publicKey } = await rsaKeyPair();
    const headers = eightByEightHeaders();
    headers['x-8x8-signature'] = await eightByEightSign(eightByEightBody, headers, privateKey);
    expect(await verifySignature('8x8', { rawBody: eightByEightBody, headers, keyResolver: () => publicKey, now: NOW })).toEqual({ ok: true });
  });

  it('passes options through: a tolerance tightens the Webex window', async () => {
    const secret = randomSecret();
    const webex = webexBody(NOW - 10_000);
    const input = { rawBody: webex, headers: { 'x-webexcc-signature': webexSign(webex, secret), 'x-webexcc-timestamp': String(NOW - 10_000) }, secret, now: NOW };
    expect(await verifySignature('webex', input)).toEqual({ ok: true });
    expect((await verifySignature('webex', { ...input, toleranceMs: 1000 })).ok).toBe(false);
  });

  it('does not cross schemes: a Webex signature is no Vonage signature', async () => {
    const secret = vonageSecret();
    const result = await verifySignature('vonage', { rawBody: vonageBody, headers: { 'X-WebexCC-Signature': webexSign(vonageBody, secret) }, secret, now: NOW });
    expect(result).toEqual({ ok: false, reason: 'missing Vonage-Signature header' });
  });

  it('refuses when the source has no secret or key resolver configured', async () => {
    const base = { rawBody: '{}', headers: {}, now: NOW };
    expect(await verifySignature('webex', base)).toEqual({ ok: false, reason: 'no Webex secret configured' });
    expect(await verifySignature('vonage', base)).toEqual({ ok: false, reason: 'no Vonage secret configured' });
    expect(await verifySignature('8x8', base)).toEqual({ ok: false, reason: 'no 8x8 key resolver configured' });
  });

  it('refuses sources without a documented signature, and says which', async () => {
    expect(SIGNED_SOURCES).toEqual(['webex', 'vonage', '8x8']);
    expect(isSignedSource('telax')).toBe(false);
    expect(await verifySignature('telax', { rawBody: '{}', headers: {}, now: NOW })).toEqual({
      ok: false,
      reason: 'source "telax" has no documented webhook signature',
    });
    expect((await verifySignature('__proto__', { rawBody: '{}', headers: {}, now: NOW })).ok).toBe(false);
  });

  it('turns a throwing key resolver into a retryable result', async () => {
    const headers = eightByEightHeaders({ 'x-8x8-signature': 'eyJiNjQiOmZhbHNlLCJjcml0IjpbImI2NCJdLCJraWQiOiJrZXkxIiwiYWxnIjoiUlMyNTYifQ..c2ln' });
    const result = await verifySignature('8x8', {
      rawBody: eightByEightBody,
      headers,
      now: NOW,
      keyResolver: () => {
        throw new Error('offline');
      },
    });
    expect(result).toMatchObject({ ok: false, retryable: true });
  });
});

describe('header lookup', () => {
  it('folds case, trims, and reads Node arrays and numbers', () => {
    const headers = normaliseHeaders({ 'X-A': ' one ', 'x-b': ['two'], 'X-C': 3 });
    expect(lookupHeader(headers, 'x-a')).toEqual({ ok: true, value: 'one' });
    expect(lookupHeader(headers, 'X-B')).toEqual({ ok: true, value: 'two' });
    expect(lookupHeader(headers, 'x-c')).toEqual({ ok: true, value: '3' });
    expect(lookupHeader(headers, 'x-d')).toEqual({ ok: true, value: undefined });
  });

  it('accepts a repeated identical value, refuses conflicting ones', () => {
    expect(lookupHeader(normaliseHeaders({ 'X-A': 'same', 'x-a': 'same' }), 'x-a')).toEqual({ ok: true, value: 'same' });
    expect(lookupHeader(normaliseHeaders({ 'X-A': 'one', 'x-a': 'two' }), 'x-a').ok).toBe(false);
  });

  it('ignores inherited properties: only own header names count', () => {
    const headers = Object.create({ 'x-a': 'inherited' }) as Record<string, string>;
    expect(lookupHeader(normaliseHeaders(headers), 'x-a')).toEqual({ ok: true, value: undefined });
  });
});
