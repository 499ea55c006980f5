// serve's configuration: flags over environment over defaults, and plain errors.
import { describe, expect, it } from 'vitest';
import { configFromArgs, DEFAULT_DB, DEMO_DB, duration } from '../../src/server/config.js';

describe('configFromArgs', () => {
  it('has defaults that run the receiver on ./data', () => {
    expect(configFromArgs([], {})).toEqual({
      ok: true,
      config: expect.objectContaining({ port: 3000, host: '127.0.0.1', db: DEFAULT_DB, dbDefaulted: true, requireSignatures: false, demo: false, checkpointEvery: 20_000 }),
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = { PORT: '8080', CONTACTSTATE_DB: '/var/lib/cs.db', CONTACTSTATE_WEBEX_SECRET: 's1', CONTACTSTATE_HORIZON: '5m', CONTACTSTATE_REQUIRE_SIGNATURES: 'true' };
    const fromEnv = configFromArgs([], env);
    expect(fromEnv).toMatchObject({ ok: true, config: { port: 8080, db: '/var/lib/cs.db', webexSecret: 's1', horizonMs: 300_000, requireSignatures: true, dbDefaulted: false } });
    const flags = configFromArgs(['--port', '9090', '--webex-secret', 's2', '--horizon', '90s', '--vonage-secret', 'dm9uYWdl', '--8x8-keys', 'keys.json'], env);
    expect(flags).toMatchObject({ ok: true, config: { port: 9090, webexSecret: 's2', horizonMs: 90_000, vonageSecret: 'dm9uYWdl', eightByEightKeys: 'keys.json' } });
  });

  it('reads how long finished tasks stay in memory and the log on disk', () => {
    expect(configFromArgs(['--retention', '36h', '--keep-log', '14d'], {})).toMatchObject({ ok: true, config: { retentionMs: 36 * 3_600_000, keepLogMs: 14 * 86_400_000 } });
    expect(configFromArgs([], { CONTACTSTATE_RETENTION: '2d', CONTACTSTATE_KEEP_LOG: '30d' })).toMatchObject({ ok: true, config: { retentionMs: 2 * 86_400_000, keepLogMs: 30 * 86_400_000 } });
    expect(configFromArgs(['--keep-log', 'a week'], {})).toEqual({ ok: false, error: expect.stringMatching(/duration/) });
  });

  it('reads the KPI day’s time zone, the service-level threshold and the wallboard’s target', () => {
    expect(configFromArgs(['--time-zone', 'Europe/Paris', '--service-level', '30s', '--service-level-target', '90'], {})).toMatchObject({
      ok: true,
      config: { kpis: { timeZone: 'Europe/Paris', serviceLevelThresholdMs: 30_000 }, serviceLevelTarget: 0.9 },
    });
    expect(configFromArgs([], { CONTACTSTATE_TIME_ZONE: 'America/Chicago', CONTACTSTATE_SERVICE_LEVEL_TARGET: '75' })).toMatchObject({ ok: true, config: { kpis: { timeZone: 'America/Chicago' }, serviceLevelTarget: 0.75 } });
    const defaults = configFromArgs([], {});
    expect(defaults.ok && [defaults.config.kpis, defaults.config.serviceLevelTarget]).toEqual([undefined, undefined]);
    expect(configFromArgs(['--time-zone', 'Mars/Olympus'], {})).toEqual({ ok: false, error: '--time-zone: "Mars/Olympus" is not an IANA time zone this runtime knows (e.g. Europe/Paris)' });
    expect(configFromArgs(['--service-level', 'soon'], {})).toEqual({ ok: false, error: expect.stringMatching(/duration/) });
    expect(configFromArgs(['--service-level-target', '120'], {})).toEqual({ ok: false, error: expect.stringMatching(/service level target \(percent\) must be a whole number from 0 to 100/) });
  });

  it('gives the demo its own database unless one is named', () => {
    expect(configFromArgs(['--demo'], {})).toMatchObject({ ok: true, config: { demo: true, db: DEMO_DB, dbDefaulted: true } });
    expect(configFromArgs(['--demo', '--db', 'x.db'], {})).toMatchObject({ ok: true, config: { db: 'x.db', dbDefaulted: false } });
  });

  it('says what is wrong', () => {
    expect(configFromArgs(['--port', 'eighty'], {})).toEqual({ ok: false, error: expect.stringMatching(/port must be a whole number/) });
    expect(configFromArgs(['--horizon', '15 minutes'], {})).toEqual({ ok: false, error: expect.stringMatching(/duration/) });
    expect(configFromArgs(['--bogus'], {})).toEqual({ ok: false, error: expect.stringMatching(/bogus/) });
  });
});

describe('a PostgreSQL --db', () => {
  it('is taken from the flag or CONTACTSTATE_DB', () => {
    const url = 'postgres://contactstate:s3cret@db.internal:5432/contactstate';
    expect(configFromArgs(['--db', url], {})).toMatchObject({ ok: true, config: { db: url } });
    expect(configFromArgs([], { CONTACTSTATE_DB: 'postgresql://db.internal/cs?sslmode=require' })).toMatchObject({ ok: true, config: { db: 'postgresql://db.internal/cs?sslmode=require' } });
  });

  it('is refused with the reason when it cannot be a URL, without echoing its password', () => {
    for (const [db, reason] of [
      ['postgres://user:secretword@[db.internal/db', /cannot be parsed/],
      ['postgres://host:99999/db', /cannot be parsed/],
      ['postgres:///db', /names no host/],
    ] as const) {
      const result = configFromArgs(['--db', db], {});
      expect(result).toEqual({ ok: false, error: expect.stringMatching(reason) });
      expect(JSON.stringify(result)).not.toContain('secretword');
    }
  });
});

describe('who may read (configFromArgs)', () => {
  const token = 'a'.repeat(16);
  const other = 'b0123456789abcdef';

  it('refuses a host beyond loopback with the read side open, unless told it is guarded in front', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'wallboard.example.com', '[2001:db8::1]']) {
      expect(configFromArgs(['--host', host], {})).toEqual({ ok: false, error: expect.stringMatching(/takes outside traffic.*--read-token.*--public-read/) });
      expect(configFromArgs(['--host', host, '--public-read'], {})).toMatchObject({ ok: true, config: { host } });
      expect(configFromArgs(['--host', host], { CONTACTSTATE_PUBLIC_READ: '1' })).toMatchObject({ ok: true });
      expect(configFromArgs(['--host', host, '--read-token', token], {})).toMatchObject({ ok: true, config: { readTokens: [token] } });
    }
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(configFromArgs(['--host', host], {})).toMatchObject({ ok: true, config: { host } });
    }
    expect(configFromArgs([], { HOST: '0.0.0.0' })).toMatchObject({ ok: false });
  });

  it('takes several tokens, for rotation: repeated flags, or commas in the environment (flags win)', () => {
    expect(configFromArgs(['--read-token', token, '--read-token', other], {})).toMatchObject({ ok: true, config: { readTokens: [token, other] } });
    expect(configFromArgs([], { CONTACTSTATE_READ_TOKEN: `${token},${other}` })).toMatchObject({ ok: true, config: { readTokens: [token, other] } });
    expect(configFromArgs(['--read-token', other], { CONTACTSTATE_READ_TOKEN: token })).toMatchObject({ ok: true, config: { readTokens: [other] } });
    const open = configFromArgs([], {});
    expect(open.ok && open.config.readTokens).toBe(undefined);
  });

  it('refuses a token too short or with characters a cookie cannot carry, without repeating it, and a contradiction', () => {
    for (const bad of ['short-token', 'has space in it 0123', 'semi;colon0123456789', `${token},`]) {
      const result = configFromArgs(['--read-token', bad], {});
      expect(result).toEqual({ ok: false, error: expect.stringMatching(/a read token is 16 to 512 characters/) });
      expect(result.ok || result.error.includes(bad)).toBe(false);
    }
    expect(configFromArgs([], { CONTACTSTATE_READ_TOKEN: `${token},,${other}` })).toMatchObject({ ok: false });
    expect(configFromArgs(['--read-token', token, '--public-read'], {})).toEqual({ ok: false, error: expect.stringMatching(/contradict/) });
  });
});

describe('duration', () => {
  it('reads ms, s, m, h and d', () => {
    expect([duration('900000'), duration('250ms'), duration('90s'), duration('15m'), duration('2h'), duration('7d')]).toEqual([900_000, 250, 90_000, 900_000, 7_200_000, 604_800_000]);
    expect(typeof duration('0')).toBe('string');
  });
});
