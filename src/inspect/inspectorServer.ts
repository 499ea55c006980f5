// The inspector server of `--inspect` (DESIGN §5): on loopback only, it serves the viewer page at
// `/` and streams the engine's inspection events over a WebSocket at the same address, in the
// Stately viewer's message format (statelyMessages.ts). It is not a route of the webhook receiver.
//
// A viewer that connects at any time is first introduced to every entity in memory as it is now
// (`announce`, the engine's `inspectEntities`), then gets the live stream; there is no replay
// buffer. Memory per viewer is bounded: while a viewer's socket holds more than
// `maxBufferedBytes` unsent, its live messages are dropped and counted; once it drains, it is told
// how many were dropped and introduced again to every live entity as it is now (an introduction
// is sent whole: at most the live entities' snapshots beyond the bound). Nothing is dropped
// silently: the page shows the count, the log says so, `stats()` adds them up.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyStateMachine, InspectionEvent, Observer } from 'xstate';
import type { WebSocket } from 'ws';
import { definitionMessage, type StatelyMessage, statelyMessage } from './statelyMessages.js';
import { viewerPage } from './viewerPage.js';

const LOOPBACK = '127.0.0.1';

export interface InspectorServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Introduces every live entity, as it is now, to a viewer (the engine's `inspectEntities`). */
  announce(observer: Observer<InspectionEvent>): void;
  /** Unsent bytes a viewer's socket may hold before its messages are dropped (default 32 MiB). */
  maxBufferedBytes?: number;
  log(line: string): void;
  now?: () => number;
}

export interface InspectorStats {
  viewers: number;
  /** Bytes written to viewers' sockets since the start. */
  sentBytes: number;
  /** Messages dropped for viewers that fell behind. */
  dropped: number;
}

export interface InspectorServer {
  /** What to open in a browser. */
  readonly url: string;
  /** Pass to `createEngine({ inspect })`. */
  readonly inspect: Observer<InspectionEvent>;
  /** Resolves true once a viewer is connected, false after `timeoutMs` without one. */
  waitForViewer(timeoutMs?: number): Promise<boolean>;
  stats(): InspectorStats;
  close(): Promise<void>;
}

interface Viewer {
  socket: WebSocket;
  /** The machines whose definition this viewer has been sent. */
  definitions: Set<string>;
  behind: boolean;
  /** Dropped since it last caught up. */
  dropped: number;
}

const CATCH_UP_POLL_MS = 100;

export async function startInspectorServer(options: InspectorServerOptions): Promise<InspectorServer> {
  // Loaded here: only `--inspect` needs a WebSocket server.
  const { WebSocketServer } = await import('ws');
  const now = options.now ?? Date.now;
  const maxBuffered = options.maxBufferedBytes ?? 32 * 1024 * 1024;
  const viewers = new Set<Viewer>();
  const definitions = new Map<string, string>();
  const totals = { sentBytes: 0, dropped: 0 };
  const waiting = new Set<() => void>();

  const page = viewerPage();
  const http = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (request.method !== 'GET' || path !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the inspector page is at /\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, LOOPBACK, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://${LOOPBACK}:${port}/`;
  // A web page open in the same browser may open a WebSocket to any address: only this server's
  // own page (or a client that is not a browser page, sending no Origin) may read the stream.
  const ownOrigins = new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);
  const sockets = new WebSocketServer({
    server: http,
    verifyClient: ({ req }: { req: IncomingMessage }, allow: (allowed: boolean, status?: number, reason?: string) => void) => {
      const { origin } = req.headers;
      if (origin === undefined || ownOrigins.has(origin)) allow(true);
      else allow(false, 403, 'only the inspector page of this server may connect');
    },
  });

  const write = (viewer: Viewer, text: string) => {
    viewer.socket.send(text);
    totals.sentBytes += Buffer.byteLength(text);
  };

  /** `introducing`: part of introducing every live entity, which is sent whole (its size is bounded). */
  function deliver(viewer: Viewer, message: StatelyMessage, text: string, introducing = false): void {
    if (!introducing && (viewer.behind || viewer.socket.bufferedAmount > maxBuffered)) {
      if (!viewer.behind) fallBehind(viewer);
      viewer.dropped++;
      totals.dropped++;
      return;
    }
    const machine = message.type === '@xstate.actor' ? (message.definitionOf as string) : undefined;
    if (machine !== undefined && !viewer.definitions.has(machine)) {
      viewer.definitions.add(machine);
      write(viewer, definitions.get(machine)!);
    }
    write(viewer, text);
  }

  /** The Stately message of an inspection event, its machine's definition made once per server. */
  function messageOf(event: InspectionEvent): { message: StatelyMessage; text: string } | undefined {
    const message = statelyMessage(event, now());
    if (!message) return undefined;
    if (message.type === '@xstate.actor' && !definitions.has(message.definitionOf as string)) {
      const machine = (event.actorRef as unknown as { logic: AnyStateMachine }).logic;
      definitions.set(machine.id, JSON.stringify(definitionMessage(machine)));
    }
    return { message, text: JSON.stringify(message) };
  }

  function introduce(viewer: Viewer): void {
    options.announce({
      next: (event) => {
        const converted = messageOf(event);
        if (converted) deliver(viewer, converted.message, converted.text, true);
      },
    });
  }

  function fallBehind(viewer: Viewer): void {
    viewer.behind = true;
    options.log(`inspector: a viewer is behind (over ${maxBuffered} bytes unsent): dropping its messages until it catches up`);
    const poll = setInterval(() => {
      if (viewer.socket.readyState !== viewer.socket.OPEN) return clearInterval(poll);
      if (viewer.socket.bufferedAmount > maxBuffered / 4) return;
      clearInterval(poll);
      viewer.behind = false;
      write(viewer, JSON.stringify({ type: 'contactstate.dropped', count: viewer.dropped }));
      options.log(`inspector: the viewer caught up; ${viewer.dropped} messages were dropped, every live entity's current snapshot is sent again`);
      viewer.dropped = 0;
      introduce(viewer);
    }, CATCH_UP_POLL_MS);
  }

  sockets.on('connection', (socket) => {
    const viewer: Viewer = { socket, definitions: new Set(), behind: false, dropped: 0 };
    viewers.add(viewer);
    socket.on('close', () => viewers.delete(viewer));
    introduce(viewer);
    options.log(`inspector: a viewer connected (${viewers.size} now)`);
    for (const resolve of waiting) resolve();
  });

  return {
    url,
    inspect: {
      next(event) {
        if (viewers.size === 0) return;
        const converted = messageOf(event);
        if (converted) for (const viewer of viewers) deliver(viewer, converted.message, converted.text);
      },
    },
    waitForViewer(timeoutMs) {
      if (viewers.size > 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const connected = () => {
          waiting.delete(connected);
          clearTimeout(timer);
          resolve(true);
        };
        const timedOut = () => {
          waiting.delete(connected);
          resolve(false);
        };
        const timer = timeoutMs === undefined ? undefined : setTimeout(timedOut, timeoutMs);
        waiting.add(connected);
      });
    },
    stats: () => ({ viewers: viewers.size, ...totals }),
    close: () =>
      new Promise((resolve) => {
        for (const viewer of viewers) viewer.socket.terminate();
        sockets.close(() => http.close(() => resolve()));
      }),
  };
}
