// `contactstate serve` configuration: flags first, then the environment, then defaults. Pure:
// the caller passes argv and env, so tests need no process state. Secrets are best given in the
// environment (flags show in `ps`).
import { isIPv4 } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_BODY_BYTES } from '../sources/delivery.js';
import { DEFAULT_CHECKPOINT_EVERY } from '../store/durableEngine.js';
import { isPostgresUrl, postgresUrlProblem } from '../store/postgres/databaseUrl.js';
import { resolveKpiOptions } from '../kpi/kpiOptions.js';
import type { KpiOptions } from '../kpi/kpiTypes.js';
import { READ_TOKEN_PATTERN } from './readAccess.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file, ':memory:' for a store that does not outlive the process, or a postgres:// URL
   *  (several receivers sharing one log). */
  db: string;
  /** The engine's lateness horizon (ms); the engine's default when absent. */
  horizonMs?: number;
  /** How long a finished task stays in memory after its last event (ms); the engine's default when absent. */
  retentionMs?: number;
  /** How long the delivery log is kept (ms); the durable engine's default (7 d) when absent. */
  keepLogMs?: number;
  /** Largest webhook body accepted (bytes); larger ones get 413. */
  bodyLimit: number;
  webexSecret?: string;
  /** Vonage signing key as the portal shows it (base64). */
  vonageSecret?: string;
  /** Path of a JSON file with 8x8's public keys by kid. */
  eightByEightKeys?: string;
  /** Refuse deliveries of a signed source (webex, vonage, 8x8) when no secret is configured for it. */
  requireSignatures: boolean;
  checkpointEvery: number;
  logLevel: string;
  demo: boolean;
  /** The demo plays all example feeds in about this many seconds. */
  demoSeconds: number;
  /** The db path was chosen by default (the demo then uses its own, fresh each run). */
  dbDefaulted: boolean;
  /** Tokens accepted by the read side (readAccess.ts); none: the read side is open. */
  readTokens?: string[];
  /** Queue KPI options (time zone, service-level threshold and formula, short abandons); the defaults when absent. */
  kpis?: KpiOptions;
  /** The service level the wallboard's queue panel compares each queue's with, 0..1 (the plugin's default when absent). */
  serviceLevelTarget?: number;
}

export const DEFAULT_DB = './data/contactstate.db';
export const DEMO_DB = './data/demo.db';

export const SERVE_USAGE = `usage: contactstate serve [options]
  --port N                 listen port (PORT, default 3000)
  --host ADDR              listen address (HOST, default 127.0.0.1; 0.0.0.0 to take outside traffic)
  --db PATH|URL            SQLite file, :memory:, or postgres://user:password@host:5432/db to share one
                           PostgreSQL between several receivers (CONTACTSTATE_DB, default ${DEFAULT_DB})
  --horizon DURATION       lateness horizon, e.g. 15m, 90s, 900000 (CONTACTSTATE_HORIZON, default 15m)
  --retention DURATION     finished tasks leave memory this long after their last event (CONTACTSTATE_RETENTION, default 24h)
  --keep-log DURATION      deliveries are pruned from the log this long after they were received, once a checkpoint
                           covers them (CONTACTSTATE_KEEP_LOG, default 7d, at least two retention periods)
  --body-limit BYTES       largest webhook body (CONTACTSTATE_BODY_LIMIT, default ${DEFAULT_MAX_BODY_BYTES})
  --webex-secret S         Webex subscription secret (CONTACTSTATE_WEBEX_SECRET)
  --vonage-secret S        Vonage signing key, base64 (CONTACTSTATE_VONAGE_SECRET)
  --8x8-keys FILE          8x8 public keys by kid, JSON (CONTACTSTATE_8X8_KEYS)
  --require-signatures     refuse webex/vonage/8x8 deliveries with no secret configured (CONTACTSTATE_REQUIRE_SIGNATURES=1)
  --checkpoint-every N     write a checkpoint every N deliveries (CONTACTSTATE_CHECKPOINT_EVERY, default ${DEFAULT_CHECKPOINT_EVERY})
  --log-level LEVEL        pino level (LOG_LEVEL, default info; warn with --demo)
  --demo                   feed the example feeds to this server over HTTP, shuffled and duplicated
                           (uses ${DEMO_DB}, fresh each run, unless --db is given)
  --demo-seconds N         how long the demo takes (default 60)
  --read-token T           the token every route but POST /webhooks/* and /healthz requires; repeat it
                           to accept several while rotating (CONTACTSTATE_READ_TOKEN, comma-separated)
  --time-zone ZONE         IANA time zone whose midnight starts a KPI day (CONTACTSTATE_TIME_ZONE, default UTC)
  --service-level DURATION a task answered within this wait counts toward the service level
                           (CONTACTSTATE_SERVICE_LEVEL, default 20s)
  --service-level-target P the service level the wallboard compares each queue's with, in percent
                           (CONTACTSTATE_SERVICE_LEVEL_TARGET, default 80)
  --public-read            serve the read side without a token on a non-loopback host (something in
                           front of the receiver guards it) (CONTACTSTATE_PUBLIC_READ=1)`;

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; error: string };

type Env = Record<string, string | undefined>;

export function configFromArgs(argv: string[], env: Env): ConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        horizon: { type: 'string' },
        retention: { type: 'string' },
        'keep-log': { type: 'string' },
        'body-limit': { type: 'string' },
        'webex-secret': { type: 'string' },
        'vonage-secret': { type: 'string' },
        '8x8-keys': { type: 'string' },
        'require-signatures': { type: 'boolean' },
        'checkpoint-every': { type: 'string' },
        'log-level': { type: 'string' },
        demo: { type: 'boolean' },
        'demo-seconds': { type: 'string' },
        'read-token': { type: 'string', multiple: true },
        'public-read': { type: 'boolean' },
        'time-zone': { type: 'string' },
        'service-level': { type: 'string' },
        'service-level-target': { type: 'string' },
      },
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const pick = (flag: string | undefined, name: string): string | undefined => flag ?? nonEmpty(env[name]);
  const demo = values.demo ?? false;
  const explicitDb = pick(values.db, 'CONTACTSTATE_DB');
  const port = integer(pick(values.port, 'PORT') ?? '3000', 'port', 0, 65_535);
  const bodyLimit = integer(pick(values['body-limit'], 'CONTACTSTATE_BODY_LIMIT') ?? String(DEFAULT_MAX_BODY_BYTES), 'body limit', 1, 64 * 1024 * 1024);
  const checkpointEvery = integer(pick(values['checkpoint-every'], 'CONTACTSTATE_CHECKPOINT_EVERY') ?? String(DEFAULT_CHECKPOINT_EVERY), 'checkpoint interval', 1, 10_000_000);
  const demoSeconds = integer(values['demo-seconds'] ?? '60', 'demo seconds', 1, 86_400);
  const horizonText = pick(values.horizon, 'CONTACTSTATE_HORIZON');
  const horizonMs = horizonText === undefined ? undefined : duration(horizonText);
  const retentionText = pick(values.retention, 'CONTACTSTATE_RETENTION');
  const retentionMs = retentionText === undefined ? undefined : duration(retentionText);
  const keepLogText = pick(values['keep-log'], 'CONTACTSTATE_KEEP_LOG');
  const keepLogMs = keepLogText === undefined ? undefined : duration(keepLogText);
  const timeZone = pick(values['time-zone'], 'CONTACTSTATE_TIME_ZONE');
  const thresholdText = pick(values['service-level'], 'CONTACTSTATE_SERVICE_LEVEL');
  const thresholdMs = thresholdText === undefined ? undefined : duration(thresholdText);
  const targetText = pick(values['service-level-target'], 'CONTACTSTATE_SERVICE_LEVEL_TARGET');
  const targetPercent = targetText === undefined ? undefined : integer(targetText, 'service level target (percent)', 0, 100);
  if (timeZone !== undefined && !isTimeZone(timeZone)) return { ok: false, error: `--time-zone: "${timeZone}" is not an IANA time zone this runtime knows (e.g. Europe/Paris)` };
  for (const checked of [port, bodyLimit, checkpointEvery, demoSeconds, horizonMs, retentionMs, keepLogMs, thresholdMs, targetPercent]) {
    if (typeof checked === 'string') return { ok: false, error: checked };
  }
  const config: ServerConfig = {
    port: port as number,
    host: pick(values.host, 'HOST') ?? '127.0.0.1',
    db: explicitDb ?? (demo ? DEMO_DB : DEFAULT_DB),
    dbDefaulted: explicitDb === undefined,
    bodyLimit: bodyLimit as number,
    requireSignatures: values['require-signatures'] ?? truthy(env['CONTACTSTATE_REQUIRE_SIGNATURES']),
    checkpointEvery: checkpointEvery as number,
    // The demo talks to a person in plain lines on stderr; per-webhook JSON lines would drown them.
    logLevel: pick(values['log-level'], 'LOG_LEVEL') ?? (demo ? 'warn' : 'info'),
    demo,
    demoSeconds: demoSeconds as number,
  };
  if (horizonMs !== undefined) config.horizonMs = horizonMs as number;
  if (retentionMs !== undefined) config.retentionMs = retentionMs as number;
  if (keepLogMs !== undefined) config.keepLogMs = keepLogMs as number;
  if (timeZone !== undefined || thresholdMs !== undefined) {
    config.kpis = { ...(timeZone !== undefined ? { timeZone } : {}), ...(thresholdMs !== undefined ? { serviceLevelThresholdMs: thresholdMs as number } : {}) };
  }
  if (targetPercent !== undefined) config.serviceLevelTarget = (targetPercent as number) / 100;
  const urlProblem = isPostgresUrl(config.db) ? postgresUrlProblem(config.db) : undefined;
  if (urlProblem) return { ok: false, error: `--db: ${urlProblem}` };
  const readSide = readSideConfig(
    values['read-token'] ?? nonEmpty(env['CONTACTSTATE_READ_TOKEN'])?.split(','),
    values['public-read'] ?? truthy(env['CONTACTSTATE_PUBLIC_READ']),
    config.host,
  );
  if (typeof readSide === 'string') return { ok: false, error: readSide };
  if (readSide.length > 0) config.readTokens = readSide;
  const webexSecret = pick(values['webex-secret'], 'CONTACTSTATE_WEBEX_SECRET');
  const vonageSecret = pick(values['vonage-secret'], 'CONTACTSTATE_VONAGE_SECRET');
  const eightByEightKeys = pick(values['8x8-keys'], 'CONTACTSTATE_8X8_KEYS');
  if (webexSecret !== undefined) config.webexSecret = webexSecret;
  if (vonageSecret !== undefined) config.vonageSecret = vonageSecret;
  if (eightByEightKeys !== undefined) config.eightByEightKeys = eightByEightKeys;
  return { ok: true, config };
}

/**
 * The read tokens, or the error to show. A receiver listening beyond loopback takes outside traffic:
 * its read side must be guarded, by a token or, said explicitly, by something in front of it.
 */
function readSideConfig(tokens: string[] | undefined, publicRead: boolean, host: string): string[] | string {
  const given = (tokens ?? []).map((token) => token.trim());
  const bad = given.find((token) => !READ_TOKEN_PATTERN.test(token));
  // The token itself is not repeated: error lines end up in logs.
  if (bad !== undefined) return `a read token is 16 to 512 characters from A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -hex 32); one given (${bad.length} characters) is not`;
  if (given.length > 0 && publicRead) return '--public-read and --read-token contradict each other: give one';
  if (given.length === 0 && !publicRead && !isLoopback(host)) {
    return `--host ${host} takes outside traffic, and the read side (views, dead letters, metrics, change feeds, the wallboard) would be open to it: give --read-token (CONTACTSTATE_READ_TOKEN), or --public-read if something in front of the receiver guards it`;
  }
  return given;
}

/** A host only this machine reaches: localhost, 127.0.0.0/8, ::1 (IPv4-mapped too). */
function isLoopback(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return isIPv4(v4) && v4.startsWith('127.');
}

/** Whether the engine's KPIs take this time zone (the check the engine makes when it starts). */
function isTimeZone(timeZone: string): boolean {
  try {
    resolveKpiOptions({ timeZone });
    return true;
  } catch {
    return false;
  }
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const truthy = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes|on)$/i.test(value);

/** A whole number in range, or the error to show. */
function integer(text: string, what: string, min: number, max: number): number | string {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : `${what} must be a whole number from ${min} to ${max}, not "${text}"`;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `900000`, `900000ms`, `90s`, `15m`, `2h`, `7d` → milliseconds, or the error to show. */
export function duration(text: string): number | string {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return `a duration is a whole number with an optional unit (ms, s, m, h, d), not "${text}"`;
  const value = Number(match[1]) * UNITS[match[2] ?? 'ms']!;
  return value > 0 && Number.isSafeInteger(value) ? value : `a duration must be positive, not "${text}"`;
}
