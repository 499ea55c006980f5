// Bytes a viewer receives for the Webex sample: through `@statelyai/inspect`'s own
// WebSocket inspector and inspector server (every actor message carries its machine definition),
// and through contactstate's inspector server (each definition once per viewer).
//   npx tsx bench/cli/inspectorBytes.ts [FILE]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { WebSocket } from 'ws';
import { createEngine, type EngineOptions } from '../../src/index.js';
import { startInspectorServer } from '../../src/inspect/inspectorServer.js';
import type { PersonalData } from '../../src/inspect/personalData.js';

const file = process.argv[2] ?? new URL('../../examples/webex-sample.ndjson', import.meta.url);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A viewer counting what it receives; `settled` resolves once nothing arrived for a while. */
async function viewer(url: string) {
  const socket = new WebSocket(url);
  const received = { messages: 0, bytes: 0, last: Date.now() };
  socket.on('message', (data: Buffer) => {
    received.messages++;
    received.bytes += data.length;
    received.last = Date.now();
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const settled = async () => {
    // The same process sends: wait for the first message, then for two quiet seconds.
    while (received.messages === 0) await pause(100);
    while (Date.now() - received.last < 2_000) await pause(100);
    socket.close();
    return received;
  };
  return { settled };
}

function fold(options: EngineOptions): void {
  const engine = createEngine(options);
  for (const body of lines) engine.ingest({ source: 'webex', body });
}

async function throughStately(): Promise<{ messages: number; bytes: number }> {
  const port = await freePort();
  const server = createInspectorServer({ port, autoOpen: false });
  const watching = await viewer(`ws://127.0.0.1:${port}`);
  const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
  while ((inspector.adapter as unknown as { status: string }).status !== 'open') await pause(20);
  fold({ inspect: inspector.inspect, inspectPersonalData: 'unmasked' });
  const received = await watching.settled();
  inspector.stop();
  server.stop();
  return received;
}

async function throughContactstate(personalData: PersonalData): Promise<{ messages: number; bytes: number }> {
  const server = await startInspectorServer({ port: 0, announce: () => {}, log: () => {} });
  const watching = await viewer(server.url.replace('http', 'ws'));
  while (server.stats().viewers === 0) await pause(20);
  fold({ inspect: server.inspect, inspectPersonalData: personalData });
  const received = await watching.settled();
  await server.close();
  return received;
}

const show = (name: string, { messages, bytes }: { messages: number; bytes: number }) =>
  process.stdout.write(`${name.padEnd(58)} ${String(messages).padStart(7)} messages ${(bytes / 1e6).toFixed(2).padStart(7)} MB\n`);
process.stdout.write(`${lines.length} deliveries\n`);
show('@statelyai/inspect WebSocket inspector + server', await throughStately());
show('contactstate inspector server, unmasked', await throughContactstate('unmasked'));
show('contactstate inspector server, personal data masked', await throughContactstate('masked'));
