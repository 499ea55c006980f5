// docs/inspector.md's idiom, for real: the engine's `inspect` given the Stately inspector's
// `inspector.inspect` (an Observer), through `@statelyai/inspect`'s own WebSocket inspector and
// inspector server on a loopback port, to a viewer of this test's own. Every entity arrives as an
// actor with its machine definition, then its events and snapshots.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { WebSocket } from 'ws';
import type { AnyActorRef } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';

const FEED = new URL('../../examples/webex-sample.ndjson', import.meta.url);
const DELIVERIES = 400;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Message {
  type: string;
  sessionId: string;
  name?: string;
  definition?: string;
  event?: { type: string };
  snapshot?: { value: unknown };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('the engine in the Stately inspector', () => {
  it('shows every entity as an actor with its machine definition, its events and snapshots', async () => {
    const port = await freePort();
    const server = createInspectorServer({ port, autoOpen: false });
    stops.push(() => server.stop());
    // The viewer connects first: the server replays only its last 200 messages to late viewers.
    const received: Message[] = [];
    const viewer = new WebSocket(`ws://127.0.0.1:${port}`);
    stops.push(() => viewer.close());
    viewer.on('message', (data) => received.push(JSON.parse(String(data)) as Message));
    await until(() => viewer.readyState === WebSocket.OPEN, 'the viewer to connect');
    const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
    stops.push(() => inspector.stop());
    // Before its socket opens, the client keeps only 200 messages: start once it is open.
    await until(() => (inspector.adapter as unknown as { status: string }).status === 'open', 'the inspector to connect');

    const engine = createEngine({ inspect: inspector.inspect, inspectPersonalData: 'unmasked' });
    const lines = readFileSync(FEED, 'utf8').split('\n').filter(Boolean).slice(0, DELIVERIES);
    for (const line of lines) engine.ingest({ source: 'webex', body: line });
    const expected = new Set<string>();
    engine.inspectEntities({
      next: (event) => {
        if (event.type === '@xstate.actor') expected.add((event.actorRef as AnyActorRef).id);
      },
    });
    const tasks = engine.tasks();
    await until(() => received.filter((message) => message.type === '@xstate.actor').length >= expected.size, 'an actor per entity');

    const actors = new Map(received.filter((message) => message.type === '@xstate.actor').map((message) => [message.name!, message]));
    expect([...actors.keys()].sort()).toEqual([...expected].sort());
    for (const [name, actor] of actors) {
      const definition = JSON.parse(actor.definition!) as { id: string; states: Record<string, unknown> };
      expect(definition.id).toBe(name.split(':')[0]);
      expect(Object.keys(definition.states).length).toBeGreaterThan(5);
    }
    // Each task's events and snapshots, the last snapshot in the state its view shows.
    const steps = (sessionId: string, type: string) => received.filter((message) => message.sessionId === sessionId && message.type === type);
    await until(() => tasks.every((task) => steps(actors.get(`task:${task.id}`)!.sessionId, '@xstate.snapshot').at(-1)?.snapshot?.value === task.state), 'every task in its state');
    for (const task of tasks) {
      const sessionId = actors.get(`task:${task.id}`)!.sessionId;
      expect(steps(sessionId, '@xstate.event').map((message) => message.event!.type)).toEqual(steps(sessionId, '@xstate.snapshot').map((message) => message.event!.type));
      expect(steps(sessionId, '@xstate.event').length).toBeGreaterThan(0);
    }
    expect(tasks.length).toBeGreaterThan(10);
  });
});
