// The numbers a center runs on, over HTTP (DESIGN §7; docs/operations-kpis.md): every queue's
// KPIs, one queue's with its 15-minute intervals, and an agent's timeline. Guarded by the read
// token like every other read route (readAccess.ts). Times in queries are event times (epoch ms or
// ISO dates); a bad one is bad input, answered 400 with the reason, never an engine error.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Engine } from '../engine/engineTypes.js';
import { type AgentHistories, agentTimelineBehind } from '../kpi/agentTimelineBehind.js';
import type { AgentTimelineQuery, QueueQuery } from '../kpi/kpiTypes.js';
import type { DurableEngine } from '../store/durableEngine.js';
import { entityHistory } from '../store/entityHistory.js';
import { eventTimeParam } from './eventTimeParam.js';

export interface KpiRouteOptions {
  durable: DurableEngine;
}

interface QueueParams {
  interval?: string;
  from?: string;
  to?: string;
  channelType?: string;
}

interface TimelineParams {
  from?: string;
  to?: string;
}

const INTERVALS = ['15m'] as const;
const LONGEST_ID = 256;

const badQuery = (reply: FastifyReply, reason: string) => reply.code(400).send({ error: 'bad_query', reason });

/** Whether the engine keeps KPIs (the `kpis` option): a plugin host may have opened it without. */
export function keepsKpis(engine: Engine): boolean {
  try {
    engine.queues();
    return true;
  } catch {
    return false;
  }
}

export async function kpiRoutes(app: FastifyInstance, { durable }: KpiRouteOptions): Promise<void> {
  const { engine } = durable;
  if (!keepsKpis(engine)) {
    const off = { error: 'kpis_off', reason: 'queue KPIs and agent timelines are off: open the engine with the `kpis` option' };
    for (const url of ['/queues', '/queues/:id', '/agents/:id/timeline']) app.get(url, async (_request, reply) => reply.code(501).send(off));
    return;
  }

  app.get<{ Querystring: { byChannelType?: string } }>('/queues', async (request, reply) => {
    const by = request.query.byChannelType;
    if (by !== undefined && by !== 'true' && by !== 'false') return badQuery(reply, `byChannelType is "true" or "false", not "${by.slice(0, 64)}"`);
    return engine.queues({ byChannelType: by === 'true' });
  });

  app.get<{ Params: { id: string }; Querystring: QueueParams }>('/queues/:id', async (request, reply) => {
    const query = queueQueryOf(request.query);
    if (typeof query === 'string') return badQuery(reply, query);
    const kpis = await answerOrReason(() => engine.queue(request.params.id, query));
    if (typeof kpis === 'string') return badQuery(reply, kpis);
    return kpis ?? reply.code(404).send({ error: 'not_found', reason: `no queue "${request.params.id.slice(0, LONGEST_ID)}" in the KPIs kept` });
  });

  const histories = storeHistories(durable);
  app.get<{ Params: { id: string }; Querystring: TimelineParams }>('/agents/:id/timeline', async (request, reply) => {
    const query = timelineQueryOf(request.query);
    if (typeof query === 'string') return badQuery(reply, query);
    const timeline = await answerOrReason(() => agentTimelineBehind(engine, histories, request.params.id, query));
    return typeof timeline === 'string' ? badQuery(reply, timeline) : timeline;
  });
}

/** The agent's history in the durable engine's store, through what the engine has folded. */
export const storeHistories = (durable: DurableEngine): AgentHistories => ({
  agentHistory: async (agentId) => {
    // The entity index is complete through what is committed: what is folded is committed first.
    const upTo = durable.status().appliedSeq;
    await durable.flush();
    return entityHistory(durable.store, { kind: 'agent', id: agentId }, upTo);
  },
});

/** The library's query for GET /queues/:id, or what is wrong with it. */
function queueQueryOf(params: QueueParams): QueueQuery | string {
  const query: QueueQuery = {};
  if (params.interval !== undefined) {
    if (!(INTERVALS as readonly string[]).includes(params.interval)) return `interval is one of ${INTERVALS.join(', ')}, not "${params.interval.slice(0, 64)}"`;
    query.interval = '15m';
  }
  for (const name of ['from', 'to'] as const) {
    const text = params[name];
    if (text === undefined) continue;
    const time = eventTimeParam(name, text);
    if (typeof time === 'string') return time;
    query[name] = time;
  }
  if (query.from !== undefined && query.to !== undefined && query.to <= query.from) return `from must be before to (from ${query.from}, to ${query.to})`;
  if (params.channelType !== undefined) {
    if (params.channelType === '' || params.channelType.length > LONGEST_ID) return `channelType must be a channel type name (1 to ${LONGEST_ID} characters)`;
    query.channelType = params.channelType;
  }
  return query;
}

/** The library's query for GET /agents/:id/timeline (from and to required), or what is wrong with it. */
function timelineQueryOf(params: TimelineParams): AgentTimelineQuery | string {
  if (params.from === undefined || params.to === undefined) return 'from and to are required: the range of event time to show, epoch ms or ISO dates';
  const from = eventTimeParam('from', params.from);
  if (typeof from === 'string') return from;
  const to = eventTimeParam('to', params.to);
  if (typeof to === 'string') return to;
  return to > from ? { from, to } : `from must be before to (from ${from}, to ${to})`;
}

/** The engine's answer, or the reason it refused a range (a RangeError: bad input, not a fault). */
async function answerOrReason<T>(read: () => T | Promise<T>): Promise<T | string> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}
