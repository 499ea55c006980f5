// One server-sent-events connection: headers, heartbeat comments that keep proxies from closing an
// idle stream, a client too slow to keep up dropped rather than buffered without end, and an end
// when the client goes or the server closes. The messages of one event-loop turn (the changes of a
// batch of deliveries folded together) go out in one socket write, not one write each: a write is
// a system call, and a busy node folds several deliveries a turn, each changing a view or more.
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface EventStreamOptions {
  heartbeatMs: number;
  maxBufferedBytes: number;
  /** Streams never end by themselves: the server's close ends every open one through this set. */
  open: Set<() => void>;
}

export interface EventStream {
  /** One message; `id` is what the client sends back as `Last-Event-ID` when it reconnects. */
  send(event: string, data: unknown, id?: string): void;
  /** Called once, when the stream ends for any reason. */
  onClose(cleanup: () => void): void;
}

export function openEventStream(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions, preamble = ''): EventStream {
  reply.hijack();
  const raw: ServerResponse = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(`: contactstate change feed\n${preamble}\n`);
  const cleanups: (() => void)[] = [];
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), options.heartbeatMs);
  heartbeat.unref();
  let closed = false;
  /** This turn's messages, written together once the turn's I/O callbacks have run. */
  let unsent = '';
  let flush: NodeJS.Immediate | undefined;
  function writeUnsent(): void {
    flush = undefined;
    raw.write(unsent);
    unsent = '';
    if (raw.writableLength > options.maxBufferedBytes) {
      request.log.warn({ buffered: raw.writableLength }, 'change stream client too slow; closing it');
      close();
    }
  }
  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    if (flush) clearImmediate(flush);
    options.open.delete(close);
    for (const cleanup of cleanups) cleanup();
    // The connection goes with the stream: left open, a client that stopped reading (an aborted
    // fetch, a browser's idle socket) would keep the server from closing for seconds or minutes.
    raw.end();
    raw.destroy();
  }
  options.open.add(close);
  request.raw.on('close', close);
  raw.on('close', close);
  raw.on('error', close);
  return {
    send(event, data, id) {
      if (closed) return;
      unsent += `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      flush ??= setImmediate(writeUnsent);
    },
    onClose: (cleanup) => cleanups.push(cleanup),
  };
}
