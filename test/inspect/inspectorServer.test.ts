// The inspector server of `--inspect`: loopback only, its own page, a viewer that connects at any
// time gets every live entity as it is now and then the live stream, each machine's definition
// once, nothing dropped without saying so.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine } from '../../src/index.js';
import { type InspectorServer, startInspectorServer } from '../../src/inspect/inspectorServer.js';

const T = 1_700_000_000_000;
const body = (value: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(value) });

interface Message {
  type: string;
  name?: string;
  sessionId?: string;
  definitionOf?: string;
  definition?: string;
  count?: number;
  event?: { type: string };
  snapshot?: { value: unknown };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function inspected(options: { maxBufferedBytes?: number } = {}) {
  // Unmasked: the origins of the test that fills a viewer's socket stay big.
  let engine: Engine | undefined;
  const log: string[] = [];
  const server = await startInspectorServer({ port: 0, announce: (observer) => engine?.inspectEntities(observer), log: (line) => log.push(line), ...options });
  cleanups.push(() => server.close());
  engine = createEngine({ inspect: server.inspect, inspectPersonalData: 'unmasked' });
  return { engine, server, log };
}

async function viewer(server: InspectorServer, headers: Record<string, string> = {}) {
  const received: Message[] = [];
  const socket = new WebSocket(server.url.replace('http', 'ws'), { headers });
  cleanups.push(() => socket.close());
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as Message));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return Object.assign(received, { socket });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('inspector server', () => {
  it('listens on loopback and serves its page, which loads the Stately viewer or draws a local table', async () => {
    const { server } = await inspected();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('https://stately.ai/inspect');
    expect(html).toContain("has('local')");
    expect((await fetch(`${server.url}other`)).status).toBe(404);
  });

  it('gives a viewer that connects late every live entity as it is now, each definition once, then live changes', async () => {
    const { engine, server } = await inspected();
    engine.ingest(body(webhook.agentLogin('l1', T, 'a1', 'team', true)));
    engine.ingest(body(webhook.taskEvent('n1', T, 'task:new', 't1')));
    engine.ingest(body(webhook.taskEvent('p1', T + 1, 'task:parked', 't1')));
    engine.ingest(body(webhook.taskEvent('n2', T + 2, 'task:new', 't2')));
    const received = await viewer(server);
    await until(() => received.filter((message) => message.type === '@xstate.snapshot').length === 3, 'the current snapshots');
    expect(received.filter((message) => message.type === 'contactstate.definition').map((message) => message.name)).toEqual(['agent', 'task']);
    const actors = received.filter((message) => message.type === '@xstate.actor');
    expect(actors.map((message) => [message.name, message.definitionOf])).toEqual([
      ['agent:a1', 'agent'],
      ['task:t1', 'task'],
      ['task:t2', 'task'],
    ]);
    expect(actors.every((message) => message.definition === undefined)).toBe(true);
    const current = (name: string) => {
      const { sessionId } = actors.find((message) => message.name === name)!;
      return received.filter((message) => message.sessionId === sessionId && message.type === '@xstate.snapshot').at(-1)?.snapshot?.value;
    };
    expect([current('agent:a1'), current('task:t1'), current('task:t2')]).toEqual(['available', 'queued', 'new']);
    // Live from here on; a new task's actor names the definition sent before.
    engine.ingest(body(webhook.taskEvent('c1', T + 3, 'task:connect', 't1')));
    engine.ingest(body(webhook.taskEvent('n3', T + 4, 'task:new', 't3')));
    await until(() => current('task:t1') === 'offered' && received.some((message) => message.name === 'task:t3'), 'the live changes');
    expect(received.filter((message) => message.type === 'contactstate.definition')).toHaveLength(2);
    expect(server.stats()).toMatchObject({ viewers: 1, dropped: 0 });
  });

  it('refuses a WebSocket from another page the browser has open, and takes its own page', async () => {
    const { server } = await inspected();
    await expect(viewer(server, { origin: 'https://example.com' })).rejects.toThrow(/403/);
    await expect(viewer(server, { origin: server.url.slice(0, -1) })).resolves.toHaveLength(0);
  });

  it('drops the messages of a viewer that falls behind, counts them, and resends every live entity once it catches up', async () => {
    const { engine, server, log } = await inspected({ maxBufferedBytes: 0 });
    const received = await viewer(server);
    // A viewer that reads nothing for a while, and big messages: the server's socket fills up.
    received.socket.pause();
    const tasks = 1000;
    const origin = 'x'.repeat(3000);
    for (let index = 0; index < tasks; index++) engine.ingest(body(webhook.taskEvent(`n${index}`, T + index, 'task:new', `t${index}`, { origin })));
    expect(server.stats().dropped).toBeGreaterThan(0);
    received.socket.resume();
    await until(() => received.some((message) => message.type === 'contactstate.dropped'), 'the drop notice');
    const notice = received.findIndex((message) => message.type === 'contactstate.dropped');
    expect(received[notice]!.count).toBe(server.stats().dropped);
    expect(server.stats().dropped).toBeGreaterThan(0);
    const current = () => received.slice(notice).filter((message) => message.type === '@xstate.snapshot' && message.event?.type === 'contactstate.current');
    await until(() => current().length === tasks, 'every task again');
    expect(current().every((message) => message.snapshot?.value === 'new')).toBe(true);
    expect(log.join('\n')).toMatch(/dropped/);
  });

  it('waits for a viewer, or for as long as it is told', async () => {
    const { server } = await inspected();
    expect(await server.waitForViewer(20)).toBe(false);
    const waiting = server.waitForViewer();
    await viewer(server);
    expect(await waiting).toBe(true);
    expect(await server.waitForViewer(0)).toBe(true);
  });
});
