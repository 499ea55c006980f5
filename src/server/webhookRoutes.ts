// POST /webhooks/:source (DESIGN §6): verify the signature on the raw bytes, commit the delivery
// to the log, fold it, and only then answer. 2xx means "durably appended": a sender that got one
// never has to send it again, and one that got anything else (or nothing) should retry.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IngestOutcome } from '../engine/outcome.js';
import { isSourceId } from '../sources/ndjsonLine.js';
import type { DurableEngine } from '../store/durableEngine.js';
import { loggableHeaders } from '../store/store.js';
import type { ContactstateMetrics } from './metrics.js';
import type { SignatureVerifier } from './signatureCheck.js';

export interface WebhookRouteOptions {
  durable: DurableEngine;
  verifySignature: SignatureVerifier;
  metrics: ContactstateMetrics;
  bodyLimit: number;
  now: () => number;
}

/** JSON and its structured variants (`application/cloudevents+json`), with any parameters. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;.*)?$/i;

/** Registered in its own encapsulated context: the raw-body parser and error answers stay here. */
export async function webhookRoutes(app: FastifyInstance, options: WebhookRouteOptions): Promise<void> {
  const { durable, verifySignature, metrics, bodyLimit, now } = options;

  // The body is kept as bytes: signatures are over the raw body, and the log keeps it verbatim.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    metrics.refused(status);
    if (status >= 500) request.log.error({ err: error }, 'webhook failed');
    else request.log.warn({ status, code: error.code, reason: error.message }, 'webhook refused');
    void reply.code(status).send({ error: error.code ?? 'error', reason: status >= 500 ? 'internal error' : error.message });
  });

  app.post<{ Params: { source: string } }>('/webhooks/:source', { bodyLimit, config: { withoutReadToken: true } }, async (request, reply) => {
    const started = process.hrtime.bigint();
    const { source } = request.params;
    if (!isSourceId(source)) return refuse(reply, request, 404, 'unknown_source', `no source "${source}"`);
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const receivedAt = now();

    const signature = await verifySignature(source, { rawBody, headers: request.headers, now: receivedAt });
    if (!signature.ok) {
      metrics.signatureFailed(source);
      request.log.warn({ source, reason: signature.reason }, 'webhook signature refused');
      // A failed key lookup is ours: 503 lets the vendor retry instead of giving up.
      return reply.code(signature.retryable ? 503 : 401).send({ error: 'signature', reason: signature.reason });
    }

    let receipt;
    try {
      receipt = await durable.receive({ source, headers: loggableHeaders(request.headers), body: rawBody, receivedAt });
    } catch (error) {
      request.log.error({ source, err: error }, 'webhook not committed; the sender should retry');
      return refuse(reply, request, 503, 'not_committed', 'the delivery could not be stored; retry');
    }
    const { seq, outcome } = receipt;
    metrics.delivered(source, outcome, Number(process.hrtime.bigint() - started) / 1e9);
    logOutcome(request, seq, outcome);
    if (outcome.status === 'rejected') {
      return reply.code(400).send({ status: outcome.status, seq, reason: outcome.reason, issues: outcome.issues ?? [] });
    }
    return reply.code(200).send({
      status: outcome.status,
      seq,
      ...(outcome.eventId !== undefined ? { eventId: outcome.eventId } : {}),
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    });
  });

  function refuse(reply: FastifyReply, request: FastifyRequest, status: number, error: string, reason: string) {
    metrics.refused(status);
    request.log.warn({ status, reason }, 'webhook refused');
    return reply.code(status).send({ error, reason });
  }
}

/**
 * What an operator must see is logged at warn: a delivery kept in the dead-letter (rejected, or
 * late: its entity needs a reconcile) or as a conflict, one stamped ahead of its receive time (and
 * refusals and failures, above). A delivery
 * folded as expected is logged at debug only (`--log-level debug`): the delivery log, the metrics
 * and the change feed already record each one, and at thousands a second a line each is a write
 * per delivery that buries the warnings (docs/operations.md, "Logs").
 */
function logOutcome(request: FastifyRequest, seq: number, outcome: IngestOutcome): void {
  const line = { seq, source: outcome.source, status: outcome.status, eventId: outcome.eventId, reason: outcome.reason, skewed: outcome.skewed };
  if (outcome.status === 'rejected' || outcome.status === 'late' || outcome.status === 'conflict') request.log.warn(line, 'webhook kept in the dead-letter or as a conflict');
  else if (outcome.skewed !== undefined) request.log.warn(line, 'webhook stamped ahead of its receive time: skewed, its source clock not moved');
  else request.log.debug(line, 'webhook');
}
