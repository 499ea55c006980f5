// GET /changes: the change feed as server-sent events, in one of two formats.
// - `format=view` (the default): each change is one `event: change` whose data is the engine's
//   ViewChange ({kind, id, view, corrected}); `corrected: true` says a late delivery revised a view
//   this stream already sent. `?snapshot=1` first sends every current view as `event: view`, so a
//   dashboard needs no separate fetch. With KPIs kept, a queue's KPIs are a view of kind `queue`
//   (id: the queue id), sent each time they change; `corrected: true` when a late event changed them.
// - `format=patch`: the state document and its patch sets, resumable (patchStream.ts); with
//   `&queues=1`, the queues' KPIs beside them as `event: queue` (asked for, so that a client that
//   takes every message for a patch set is not sent others).
import type { FastifyInstance } from 'fastify';
import type { ViewChange } from '../engine/changeFeed.js';
import type { DurableEngine } from '../store/durableEngine.js';
import { type EventStreamOptions, openEventStream } from './eventStream.js';
import { keepsKpis } from './kpiRoutes.js';
import { DEFAULT_PATCH_HISTORY, PatchRing } from './patchRing.js';
import { streamPatches } from './patchStream.js';

export interface ChangeStreamOptions {
  durable: DurableEngine;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** A client this far behind (bytes not yet sent) is dropped rather than buffered without end. */
  maxBufferedBytes?: number;
  /** Patch sets kept for clients that resume (default DEFAULT_PATCH_HISTORY). */
  patchHistory?: number;
}

interface ChangesQuery {
  snapshot?: string;
  format?: string;
  since?: string;
  queues?: string;
}

export async function changeStream(app: FastifyInstance, options: ChangeStreamOptions): Promise<void> {
  const { engine } = options.durable;
  const streams: EventStreamOptions = {
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    open: new Set(),
  };
  // Recording while a client listens, and a minute after: one that drops and comes back resumes.
  const ring = new PatchRing(engine, options.patchHistory ?? DEFAULT_PATCH_HISTORY);
  const kpis = keepsKpis(engine);

  // Streams never end by themselves: close them when the server closes, or it would wait forever.
  app.addHook('preClose', async () => {
    for (const close of [...streams.open]) close();
    ring.close();
  });

  app.get<{ Querystring: ChangesQuery }>('/changes', (request, reply) => {
    const format = request.query.format ?? 'view';
    if (format === 'patch') return streamPatches(request, reply, engine, ring, streams, kpis && isYes(request.query.queues));
    if (format !== 'view') return reply.code(400).send({ error: 'bad_request', reason: `format is "view" or "patch", not "${format.slice(0, 64)}"` });
    const stream = openEventStream(request, reply, streams);
    let sent = 0;
    const send = (event: string, change: ViewChange) => stream.send(event, change, String(++sent));
    if (isYes(request.query.snapshot)) {
      for (const view of engine.agents()) send('view', { kind: 'agent', id: view.id, view, corrected: false });
      for (const view of engine.tasks()) send('view', { kind: 'task', id: view.id, view, corrected: false });
      if (kpis) for (const view of engine.queues()) send('view', { kind: 'queue', id: view.queueId, view, corrected: false });
    }
    stream.onClose(engine.subscribe((change) => send('change', change)));
    return undefined;
  });
}

const isYes = (flag: string | undefined) => flag === '1' || flag === 'true';
