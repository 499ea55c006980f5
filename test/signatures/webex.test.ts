import { describe, expect, it } from 'vitest';
import { verifyWebexSignature, type WebexSignatureOptions } from '../../src/signatures/webex.js';
import { NOW, randomSecret, webexBody, webexSign } from './signers.js';

const secret = randomSecret();

function v1(overrides: Partial<WebexSignatureOptions> = {}): WebexSignatureOptions {
  const body = webexBody();
  return { rawBody: body, headers: { 'X-WebexCC-Signature': webexSign(body, secret) }, secret, now: NOW, ...overrides };
}

function v2(timestamp: number | string = NOW - 1000, headerTimestamp: string = String(timestamp)): WebexSignatureOptions {
  const body = webexBody(timestamp);
  return {
    rawBody: Buffer.from(body),
    headers: { 'x-webexcc-signature': webexSign(body, secret), 'X-WebExCC-Timestamp': headerTimestamp, 'X-WebexCC-Webhook-Version': 'agent:1.0.0' },
    secret,
    now: NOW,
  };
}

const refused = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe('Webex X-WebexCC-Signature', () => {
  it('accepts a V1 delivery signed with the secret', () => {
    expect(verifyWebexSignature(v1())).toEqual({ ok: true });
  });

  it('accepts a V2 delivery whose timestamp is in the body and header, as a number or a string', () => {
    expect(verifyWebexSignature(v2(NOW - 1000))).toEqual({ ok: true });
    expect(verifyWebexSignature(v2(String(NOW - 1000)))).toEqual({ ok: true });
  });

  it('finds headers whatever their case, in a plain object or a Headers', () => {
    const options = v2();
    const headers = new Headers(options.headers as Record<string, string>);
    expect(verifyWebexSignature({ ...options, headers })).toEqual({ ok: true });
    const upper = Object.fromEntries(Object.entries(options.headers).map(([name, value]) => [name.toUpperCase(), value]));
    expect(verifyWebexSignature({ ...options, headers: upper })).toEqual({ ok: true });
  });

  it('accepts an upper-case hex signature (hex is case-insensitive)', () => {
    const options = v1();
    const signature = String((options.headers as Record<string, string>)['X-WebexCC-Signature']).toUpperCase();
    expect(verifyWebexSignature({ ...options, headers: { 'X-WebexCC-Signature': signature } })).toEqual({ ok: true });
  });

  it('refuses a tampered body', () => {
    expect(verifyWebexSignature(v1({ rawBody: webexBody().replace('a-1', 'a-2') }))).toEqual(refused(/does not match the body/));
    // Even a whitespace change: the MAC is over the bytes, not the JSON.
    expect(verifyWebexSignature(v1({ rawBody: `${webexBody()} ` }))).toEqual(refused(/does not match/));
  });

  it('refuses the wrong secret', () => {
    expect(verifyWebexSignature(v1({ secret: randomSecret() }))).toEqual(refused(/does not match/));
  });

  it('refuses a missing signature header, and a missing secret', () => {
    expect(verifyWebexSignature(v1({ headers: {} }))).toEqual(refused(/missing X-WebexCC-Signature/));
    expect(verifyWebexSignature(v1({ secret: '' }))).toEqual(refused(/no Webex secret/));
  });

  it.each([
    ['garbage', 'not a signature'],
    ['truncated hex', webexSign(webexBody(), secret).slice(0, 63)],
    ['hex with a bad digit', `${webexSign(webexBody(), secret).slice(0, 63)}g`],
    ['a scheme prefix', `sha256=${webexSign(webexBody(), secret)}`],
    ['empty', ''],
  ])('refuses a malformed signature header (%s) without throwing', (_label, value) => {
    expect(verifyWebexSignature(v1({ headers: { 'X-WebexCC-Signature': value } }))).toEqual(refused(/malformed|missing/));
  });

  it('refuses two different values for the signature header', () => {
    const options = v1();
    const good = String((options.headers as Record<string, string>)['X-WebexCC-Signature']);
    expect(verifyWebexSignature({ ...options, headers: { 'X-WebexCC-Signature': good, 'x-webexcc-signature': '0'.repeat(64) } })).toEqual(
      refused(/several different values/),
    );
    expect(verifyWebexSignature({ ...options, headers: { 'x-webexcc-signature': [good, '0'.repeat(64)] } })).toEqual(refused(/several/));
  });

  it('refuses a V2 delivery outside the tolerance, either way, and honours a configured tolerance', () => {
    expect(verifyWebexSignature(v2(NOW - 5 * 60 * 1000 - 1))).toEqual(refused(/more than 300000 ms from now/));
    expect(verifyWebexSignature(v2(NOW + 5 * 60 * 1000 + 1))).toEqual(refused(/from now/));
    expect(verifyWebexSignature(v2(NOW - 5 * 60 * 1000))).toEqual({ ok: true });
    expect(verifyWebexSignature({ ...v2(NOW - 60_000), toleranceMs: 30_000 })).toEqual(refused(/more than 30000 ms/));
    expect(verifyWebexSignature({ ...v2(NOW - 60_000), now: new Date(NOW - 60_000) })).toEqual({ ok: true });
  });

  it('refuses a V2 delivery whose timestamp header is missing, malformed or different from the body', () => {
    const options = v2();
    const { 'X-WebExCC-Timestamp': _dropped, ...withoutTimestamp } = options.headers as Record<string, string>;
    expect(verifyWebexSignature({ ...options, headers: withoutTimestamp })).toEqual(refused(/missing X-WebExCC-Timestamp/));
    expect(verifyWebexSignature(v2(NOW, `${NOW}.5`))).toEqual(refused(/malformed X-WebExCC-Timestamp/));
    expect(verifyWebexSignature(v2(NOW, '-1'))).toEqual(refused(/malformed X-WebExCC-Timestamp/));
    expect(verifyWebexSignature(v2(NOW, String(NOW + 1)))).toEqual(refused(/does not equal the body/));
  });

  it('refuses a timestamp header on a body without comciscotimestamp (the header is not signed)', () => {
    const options = v1();
    expect(verifyWebexSignature({ ...options, headers: { ...(options.headers as Record<string, string>), 'X-WebExCC-Timestamp': String(NOW) } })).toEqual(
      refused(/signed body has no comciscotimestamp/),
    );
  });

  it('refuses a signed body whose comciscotimestamp is not epoch milliseconds', () => {
    expect(verifyWebexSignature(v2('yesterday' as unknown as number, String(NOW)))).toEqual(refused(/malformed comciscotimestamp/));
  });

  it('refuses a V1 delivery when timestamps are required', () => {
    expect(verifyWebexSignature(v1({ requireTimestamp: true }))).toEqual(refused(/timestamp is required/));
    expect(verifyWebexSignature({ ...v2(), requireTimestamp: true })).toEqual({ ok: true });
  });

  it('accepts a signed body that is not JSON as V1 (the adapter rejects it later with its own reason)', () => {
    const body = 'not json';
    expect(verifyWebexSignature(v1({ rawBody: body, headers: { 'X-WebexCC-Signature': webexSign(body, secret) } }))).toEqual({ ok: true });
  });

  it('returns a reason, never throws, on hostile or broken input', () => {
    const hostile: unknown[] = [null, 42, { 'X-WebexCC-Signature': { nested: true } }, { 'X-WebexCC-Signature': null }];
    for (const headers of hostile) {
      expect(verifyWebexSignature(v1({ headers: headers as WebexSignatureOptions['headers'] })).ok).toBe(false);
    }
    expect(verifyWebexSignature(v1({ rawBody: { json: true } as unknown as string })).ok).toBe(false);
    expect(verifyWebexSignature(v1({ now: Number.NaN })).ok).toBe(false);
    expect(verifyWebexSignature(v1({ toleranceMs: Number.NaN })).ok).toBe(false);
  });
});
