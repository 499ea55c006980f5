// GET /agents and GET /tasks a page at a time: `?state=` (one or several, comma-separated),
// `?since=` (event time: epoch ms or an ISO date), `?limit=` (default 1,000, at most 10,000) and
// `?after=` (the last id of the page before). The body stays what it was, views by id; a full page
// carries a `Link: <…>; rel="next"` header (RFC 8288) to the next one.
import type { FastifyReply } from 'fastify';
import type { ViewQuery } from '../engine/viewQuery.js';
import { eventTimeParam } from './eventTimeParam.js';

export interface ListQuery {
  state?: string;
  since?: string;
  limit?: string;
  after?: string;
}

const DEFAULT_PAGE = 1_000;
const LARGEST_PAGE = 10_000;

/** The engine's query for a list request, or what is wrong with it. */
export function viewQueryOf<S extends string>(request: ListQuery, states: readonly S[]): (ViewQuery<S> & { limit: number }) | string {
  const query: ViewQuery<S> & { limit: number } = { limit: DEFAULT_PAGE };
  if (request.limit !== undefined) {
    const limit = /^\d{1,6}$/.test(request.limit) ? Number(request.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= LARGEST_PAGE)) return `limit must be a whole number from 1 to ${LARGEST_PAGE}, not "${request.limit}"`;
    query.limit = limit;
  }
  if (request.state !== undefined) {
    const wanted = request.state.split(',');
    const unknown = wanted.find((state) => !(states as readonly string[]).includes(state));
    if (unknown !== undefined) return `unknown state "${unknown}" (one of ${states.join(', ')})`;
    query.state = wanted as S[];
  }
  if (request.since !== undefined) {
    const since = eventTimeParam('since', request.since);
    if (typeof since === 'string') return since;
    query.since = since;
  }
  if (request.after !== undefined) query.after = request.after;
  return query;
}

/** The views by id; a full page links to the next one. */
export function page<V extends { id: string }>(reply: FastifyReply, url: string, views: V[], limit: number): Record<string, V> {
  if (views.length === limit) {
    const next = new URL(url, 'http://localhost');
    next.searchParams.set('after', views.at(-1)!.id);
    next.searchParams.set('limit', String(limit));
    void reply.header('link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return Object.fromEntries(views.map((view) => [view.id, view]));
}
