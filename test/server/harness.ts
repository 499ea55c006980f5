// A real listening receiver for the HTTP tests (not inject): port 0 on loopback, logs captured,
// the clock settable, closed after each test.
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { buildServer, type BuiltServer } from '../../src/server/buildServer.js';
import type { ServerConfig } from '../../src/server/config.js';

export interface Harness extends BuiltServer {
  url: string;
  logs: Record<string, unknown>[];
  clock: { now: number };
  post(source: string, body: string | Uint8Array, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export const BASE_CONFIG: ServerConfig = {
  port: 0,
  host: '127.0.0.1',
  db: ':memory:',
  bodyLimit: 64 * 1024,
  requireSignatures: false,
  checkpointEvery: 5000,
  logLevel: 'info',
  demo: false,
  demoSeconds: 60,
  dbDefaulted: false,
};

/** The clock starts after the shipped Webex sample's hour (2026-11-02 09:00), so its deliveries are not stamped ahead of their receive time. */
export async function startServer(overrides: Partial<ServerConfig> = {}, startAt = Date.UTC(2026, 10, 3)): Promise<Harness> {
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = { now: startAt };
  const built = await buildServer({ ...BASE_CONFIG, ...overrides }, { now: () => clock.now, logStream });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
  return {
    ...built,
    url,
    logs,
    clock,
    async post(source, body, headers = { 'content-type': 'application/json' }) {
      const response = await fetch(`${url}/webhooks/${source}`, { method: 'POST', headers, body });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async get(path) {
      const response = await fetch(`${url}${path}`);
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: type.includes('json') ? await response.json() : await response.text() };
    },
    close: () => built.app.close(),
  };
}

export interface ServerEvent {
  event: string;
  data: unknown;
  id?: string;
}

/** Reads server-sent events until `until` says stop (or the time runs out); `onOpen` runs once subscribed. */
export async function readEvents(
  url: string,
  until: (events: ServerEvent[]) => boolean,
  onOpen: () => unknown = () => undefined,
  timeoutMs = 5000,
  headers: Record<string, string> = {},
): Promise<ServerEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: ServerEvent[] = [];
  try {
    const response = await fetch(url, { signal: abort.signal, headers });
    // The server subscribes before it sends the headers: from here on no change is missed.
    void Promise.resolve().then(onOpen);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        const id = /^id: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data), ...(id === undefined ? {} : { id }) });
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}
