// The library seam: the receiver as a fastify plugin, to mount in an existing app (with a prefix
// if it likes). The host owns the server, the logger and the lifecycle; the plugin owns its
// routes, and closes the durable engine with the app unless told not to.
//
//   const durable = await openDurableEngine({ store: new SqliteStore('./data/contactstate.db', { commitThread: true }) });
//   await app.register(contactstatePlugin, { prefix: '/contactstate', durable, webexSecret: process.env.WEBEX_SECRET });
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { DEFAULT_MAX_BODY_BYTES } from '../sources/delivery.js';
import type { DurableEngine } from '../store/durableEngine.js';
import { changeStream } from './changeStream.js';
import { type ContactstateMetrics, createMetrics } from './metrics.js';
import { kpiRoutes } from './kpiRoutes.js';
import { guardReads } from './readAccess.js';
import { type SignatureSecrets, type SignatureVerifier, signatureVerifier } from './signatureCheck.js';
import { stateRoutes } from './stateRoutes.js';
import { wallboardRoutes } from './wallboardRoutes.js';
import { webhookRoutes } from './webhookRoutes.js';

export interface ContactstatePluginOptions extends SignatureSecrets {
  durable: DurableEngine;
  /** Replaces the secret-based check (e.g. keys from a vault, per tenant). */
  verifySignature?: SignatureVerifier;
  /** Metrics go to this registry (default: a registry of the plugin's own, served at /metrics). */
  registry?: Registry;
  bodyLimit?: number;
  /** The clock for signature checks and received times. */
  now?: () => number;
  /** Close the durable engine (checkpoint, close the store) when the app closes (default true). */
  closeWithApp?: boolean;
  heartbeatMs?: number;
  /** Patch sets kept for clients of `/changes?format=patch` that resume (default 10,000). */
  patchHistory?: number;
  /**
   * Tokens accepted for the read side (every route but the webhooks and /healthz): several, for
   * rotation (readAccess.ts). Absent: the read side is open, for a host that guards it itself.
   */
  readTokens?: readonly string[];
  /** The service level the wallboard's queue panel compares each queue's with, 0..1 (default 0.8). */
  serviceLevelTarget?: number;
}

/** 80 % of tasks answered within the threshold: a common target. */
const DEFAULT_SERVICE_LEVEL_TARGET = 0.8;

export async function contactstatePlugin(app: FastifyInstance, options: ContactstatePluginOptions): Promise<void> {
  const { durable } = options;
  const now = options.now ?? Date.now;
  const bodyLimit = options.bodyLimit ?? DEFAULT_MAX_BODY_BYTES;
  const metrics: ContactstateMetrics = createMetrics(durable, options.registry);
  const verifySignature = options.verifySignature ?? signatureVerifier(options);

  const serviceLevelTarget = options.serviceLevelTarget ?? DEFAULT_SERVICE_LEVEL_TARGET;
  if (!(serviceLevelTarget >= 0 && serviceLevelTarget <= 1)) throw new RangeError(`serviceLevelTarget is a ratio from 0 to 1, not ${serviceLevelTarget}`);
  if (options.readTokens !== undefined) guardReads(app, options.readTokens);
  await app.register(webhookRoutes, { durable, verifySignature, metrics, bodyLimit, now });
  await app.register(stateRoutes, { durable, metrics, now });
  await app.register(kpiRoutes, { durable });
  await app.register(changeStream, {
    durable,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.patchHistory ? { patchHistory: options.patchHistory } : {}),
  });
  await app.register(wallboardRoutes, { serviceLevelTarget });
  if (options.closeWithApp ?? true) app.addHook('onClose', async () => durable.close());
}
