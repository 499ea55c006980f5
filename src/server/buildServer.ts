// The standalone receiver of `contactstate serve`: a fastify app with pino logs around the plugin,
// on the store of the configuration: a SQLite file, one in memory for ':memory:', or PostgreSQL
// for a postgres:// URL (shared with other receivers).
import fastify, { type FastifyInstance, LogController } from 'fastify';
import { type DestinationStream, pino } from 'pino';
import type { EngineOptions } from '../engine/engineTypes.js';
import { openDurableEngine, type DurableEngine } from '../store/durableEngine.js';
import { MemoryStore } from '../store/memory/memoryStore.js';
import { isPostgresUrl, shownDb } from '../store/postgres/databaseUrl.js';
import { PostgresStore } from '../store/postgres/postgresStore.js';
import { SqliteStore } from '../store/sqlite/sqliteStore.js';
import type { Store } from '../store/store.js';
import type { ServerConfig } from './config.js';
import { contactstatePlugin } from './plugin.js';
import { eightByEightKeysFromFile, type SignatureSecrets, unverifiedSources } from './signatureCheck.js';

export interface BuildOptions {
  now?: () => number;
  /** Where logs go (default stdout), e.g. a test's capture. */
  logStream?: DestinationStream;
  /** An inspector for the engine (`serve --inspect`). */
  inspect?: Pick<EngineOptions, 'inspect' | 'inspectPersonalData'>;
}

export interface BuiltServer {
  app: FastifyInstance;
  durable: DurableEngine;
}

export async function buildServer(config: ServerConfig, options: BuildOptions = {}): Promise<BuiltServer> {
  const now = options.now ?? Date.now;
  const logger = {
    level: config.logLevel,
    // Signatures and credentials are never logged (headers are not logged at all by default).
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-webexcc-signature"]', 'req.headers["vonage-signature"]', 'req.headers["x-8x8-signature"]'],
    // Asynchronous: the lines of a busy moment go out together, in one write off the event loop
    // (a synchronous write per webhook costs throughput, bench/README.md). A SIGKILL may lose
    // the last lines; the delivery log, not this one, is the record of what was received.
    stream: options.logStream ?? pino.destination({ dest: 1, sync: false }),
  };
  const app = fastify({
    logger,
    bodyLimit: config.bodyLimit,
    // One line per webhook with its outcome is logged by the route; the state API is not logged.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const secrets: SignatureSecrets = { requireSignatures: config.requireSignatures };
  if (config.webexSecret !== undefined) secrets.webexSecret = config.webexSecret;
  if (config.vonageSecret !== undefined) secrets.vonageSecret = config.vonageSecret;
  if (config.eightByEightKeys !== undefined) secrets.eightByEightKeys = eightByEightKeysFromFile(config.eightByEightKeys);

  const store = await openStore(config.db);
  const opened = Date.now();
  const durable = await openDurableEngine({
    store,
    now,
    checkpointEvery: config.checkpointEvery,
    ...(config.keepLogMs !== undefined ? { keepLogMs: config.keepLogMs } : {}),
    engine: {
      ...(config.horizonMs !== undefined ? { horizonMs: config.horizonMs } : {}),
      ...(config.retentionMs !== undefined ? { retentionMs: config.retentionMs } : {}),
      // The receiver keeps queue KPIs and agent timelines: its routes, gauges and wallboard show them.
      kpis: config.kpis ?? {},
      ...options.inspect,
    },
  });
  const { replayedAtOpen, appliedSeq } = durable.status();
  app.log.info({ db: shownDb(config.db), appliedSeq, replayedAtOpen, openMs: Date.now() - opened }, 'store opened: checkpoint loaded and log tail refolded');
  const unverified = unverifiedSources(secrets);
  if (unverified.length > 0) app.log.warn({ sources: unverified }, 'no signature secret configured: these sources are accepted unverified');

  const readTokens = config.readTokens?.length ? { readTokens: config.readTokens } : {};
  const target = config.serviceLevelTarget === undefined ? {} : { serviceLevelTarget: config.serviceLevelTarget };
  await app.register(contactstatePlugin, { ...secrets, ...readTokens, ...target, durable, bodyLimit: config.bodyLimit, now });
  return { app, durable };
}

/** The store `--db` names. PostgreSQL is connected to (and its schema migrated) here, so that a
 *  server that cannot be reached stops the start with a message that names it. */
async function openStore(db: string): Promise<Store> {
  if (db === ':memory:') return new MemoryStore();
  if (!isPostgresUrl(db)) return new SqliteStore(db, { commitThread: true });
  try {
    return await PostgresStore.open(db);
  } catch (error) {
    throw new Error(`PostgreSQL at ${shownDb(db)}: ${(error as Error).message}`);
  }
}
