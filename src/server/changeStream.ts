// GET /changes: the change feed as server-sent events. Each change is one `event: change` whose
// data is the engine's ViewChange ({kind, id, view, corrected}); `corrected: true` says a late
// delivery revised a view this stream already sent. `?snapshot=1` first sends every current view
// as `event: view`, so a dashboard needs no separate fetch.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ViewChange } from '../engine/changeFeed.js';
import type { DurableEngine } from '../store/durableEngine.js';

export interface ChangeStreamOptions {
  durable: DurableEngine;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** A client this far behind (bytes not yet sent) is dropped rather than buffered without end. */
  maxBufferedBytes?: number;
}

export async function changeStream(app: FastifyInstance, options: ChangeStreamOptions): Promise<void> {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const { engine } = options.durable;
  const open = new Set<() => void>();

  // Streams never end by themselves: close them when the server closes, or it would wait forever.
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  app.get<{ Querystring: { snapshot?: string } }>('/changes', (request, reply) => {
    reply.hijack();
    const raw: ServerResponse = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let sent = 0;
    const send = (event: string, data: unknown): void => {
      raw.write(`id: ${++sent}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (raw.writableLength > maxBufferedBytes) {
        request.log.warn({ buffered: raw.writableLength }, 'change stream client too slow; closing it');
        close();
      }
    };
    raw.write(': contactstate change feed\n\n');
    if (request.query.snapshot === '1' || request.query.snapshot === 'true') {
      for (const view of engine.agents()) send('view', { kind: 'agent', id: view.id, view, corrected: false });
      for (const view of engine.tasks()) send('view', { kind: 'task', id: view.id, view, corrected: false });
    }
    const unsubscribe = engine.subscribe((change: ViewChange) => send('change', change));
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    let closed = false;
    function close(): void {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(close);
      raw.end();
    }
    open.add(close);
    request.raw.on('close', close);
    raw.on('error', close);
  });
}
