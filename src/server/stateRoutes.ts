// The read side over HTTP: the views of the `replay` document (DESIGN §5), what to reconcile, the
// dead-letter, health and metrics. Every answer is computed from the engine in memory, but for a
// finished task that left memory (answered from the store's copy of its final view) and the dead-letter.
import type { FastifyInstance } from 'fastify';
import type { DurableEngine } from '../store/durableEngine.js';
import { AGENT_STATES, TASK_STATES } from '../events/states.js';
import type { ContactstateMetrics } from './metrics.js';
import { type ListQuery, page, viewQueryOf } from './viewPages.js';

export interface StateRouteOptions {
  durable: DurableEngine;
  metrics: ContactstateMetrics;
  now: () => number;
}

const notFound = (kind: string, id: string) => ({ error: 'not_found', reason: `no ${kind} "${id}"` });

export async function stateRoutes(app: FastifyInstance, options: StateRouteOptions): Promise<void> {
  const { durable, metrics, now } = options;
  const { engine } = durable;
  const startedAt = now();

  app.get<{ Querystring: ListQuery }>('/agents', async (request, reply) => {
    const query = viewQueryOf(request.query, AGENT_STATES);
    if (typeof query === 'string') return reply.code(400).send({ error: 'bad_query', reason: query });
    return page(reply, request.url, engine.agents(query), query.limit!);
  });
  app.get<{ Params: { id: string } }>('/agents/:id', async (request, reply) => {
    const view = engine.agent(request.params.id);
    return view ?? reply.code(404).send(notFound('agent', request.params.id));
  });
  app.get<{ Querystring: ListQuery }>('/tasks', async (request, reply) => {
    const query = viewQueryOf(request.query, TASK_STATES);
    if (typeof query === 'string') return reply.code(400).send({ error: 'bad_query', reason: query });
    return page(reply, request.url, engine.tasks(query), query.limit!);
  });
  app.get<{ Params: { id: string } }>('/tasks/:id', async (request, reply) => {
    // A finished task that left memory (retention) is answered from the store.
    const view = engine.task(request.params.id) ?? (await durable.store.finished('task', request.params.id))?.view;
    return view ?? reply.code(404).send(notFound('task', request.params.id));
  });

  /** The state document (its revision, agents, tasks) and the stats: the `replay` document, served without rebuilding a view. */
  app.get('/state', async () => ({ ...engine.state(), stats: engine.stats() }));
  app.get('/stats', async () => ({ ...engine.stats(), store: durable.status() }));
  app.get('/reconcile', async () => engine.needingReconciliation());

  app.get<{ Querystring: { after?: string; limit?: string } }>('/dead-letters', async (request) => {
    const after = wholeNumber(request.query.after, 0);
    const limit = Math.min(wholeNumber(request.query.limit, 100), 1000);
    await durable.flush(); // outcomes of the deliveries just answered may still be on their way to the store
    return (await durable.store.deadLetters(after, limit)).map((letter) => ({
      seq: letter.seq,
      status: letter.status,
      reason: letter.reason,
      issues: letter.outcome.issues ?? [],
      source: letter.delivery.source,
      receivedAt: letter.delivery.receivedAt,
      headers: letter.delivery.headers,
      body: Buffer.from(letter.delivery.body).toString('utf8'),
    }));
  });

  // 503 while the store cannot be reached (a shared PostgreSQL that is down): a load balancer then
  // sends deliveries to a receiver that can commit them.
  app.get('/healthz', { config: { withoutReadToken: true } }, async (_request, reply) => {
    const health = await durable.health();
    const body = { status: health.ok ? 'ok' : 'unhealthy', ...(health.ok ? {} : { reason: health.reason }), uptimeMs: now() - startedAt, ...durable.status() };
    return reply.code(health.ok ? 200 : 503).send(body);
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}

function wholeNumber(text: string | undefined, fallback: number): number {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : fallback;
}
