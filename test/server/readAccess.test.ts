// Who may read: with read tokens configured, every route but POST /webhooks/* and /healthz answers
// 401 without one of them (the page, its files and both change feeds included) and 200 with any of
// them, as a bearer token or as the cookie the sign-in form sets; the webhooks work as before; and
// `serve` refuses to start beyond loopback with the read side open.
import type { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import { readTokenCheck } from '../../src/server/readAccess.js';
import { contactstatePlugin, MemoryStore, openDurableEngine } from '../../src/server/index.js';
import { webexSample } from '../store/feeds.js';
import { type Harness, startServer } from './harness.js';

const TOKEN = 'read-token-0123456789abcdef';
const NEXT = 'next-token-ABCDEFGHIJKLMNOP';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Fetches and reads no more than the headers: the change feeds never end. */
async function statusOf(url: string, init: RequestInit = {}): Promise<{ status: number; type: string; text: string }> {
  const abort = new AbortController();
  const response = await fetch(url, { ...init, signal: abort.signal, redirect: 'manual' });
  const type = response.headers.get('content-type') ?? '';
  const stream = type.startsWith('text/event-stream');
  if (stream) abort.abort();
  return { status: response.status, type, text: stream ? '' : await response.text() };
}

async function receiverWithTokens(): Promise<{ harness: Harness; readRoutes: string[] }> {
  const harness = (server = await startServer({ readTokens: [TOKEN, NEXT] }));
  for (const { line } of webexSample(40)) expect((await harness.post('webex', line)).status).toBe(200);
  const state = (await (await fetch(`${harness.url}/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { agents: object; tasks: object };
  const agent = Object.keys(state.agents)[0]!;
  const task = Object.keys(state.tasks)[0]!;
  const queues = (await (await fetch(`${harness.url}/queues`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { queueId: string }[];
  const queue = queues[0]!.queueId;
  const readRoutes = ['/', '/wallboard/main.js', '/wallboard/vendor/immer.mjs', '/wallboard/wallboard.css', '/agents', `/agents/${agent}`, '/tasks', `/tasks/${task}`, '/state', '/stats', '/reconcile', '/dead-letters', '/metrics', '/queues', `/queues/${queue}`, `/agents/${agent}/timeline?from=0&to=${Date.UTC(2027, 0)}`, '/changes', '/changes?format=patch', '/changes?format=patch&since=0'];
  return { harness, readRoutes };
}

describe('the read token', () => {
  it('is required by every read route (page, files, change feeds included): 401 without it or with a wrong one, 200 with either accepted token', async () => {
    const { harness, readRoutes } = await receiverWithTokens();
    for (const route of readRoutes) {
      const url = `${harness.url}${route}`;
      expect({ route, status: (await statusOf(url)).status }).toEqual({ route, status: 401 });
      for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), `${TOKEN} ${NEXT}`]) {
        expect({ route, wrong, status: (await statusOf(url, { headers: { authorization: `Bearer ${wrong}` } })).status }).toEqual({ route, wrong, status: 401 });
      }
      for (const token of [TOKEN, NEXT]) {
        expect({ route, status: (await statusOf(url, { headers: { authorization: `bearer ${token}` } })).status }).toEqual({ route, status: 200 });
      }
    }
    const head = await statusOf(`${harness.url}/state`, { method: 'HEAD' });
    expect(head.status).toBe(401);
    const refused = await fetch(`${harness.url}/agents`);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="contactstate"');
    expect(await refused.json()).toEqual({ error: 'unauthorized', reason: expect.stringMatching(/read token/) });
  });

  it('leaves the webhooks and /healthz open', async () => {
    const { harness } = await receiverWithTokens();
    const [line] = webexSample(41).slice(-1);
    expect((await harness.post('webex', line!.line)).status).toBe(200);
    expect((await harness.post('webex', '{not json')).status).toBe(400);
    expect((await statusOf(`${harness.url}/healthz`)).status).toBe(200);
  });

  it('answers a browser with the sign-in form, whose POST sets a session cookie the page, its files and its feeds then accept', async () => {
    const { harness } = await receiverWithTokens();
    const signIn = await statusOf(`${harness.url}/`);
    expect(signIn.type).toMatch(/^text\/html/);
    const form = signIn.text;
    expect(form).toMatch(/<form method="post" action="\/session">/);
    expect(form).not.toContain('wallboard-config');

    const post = (token: string) =>
      fetch(`${harness.url}/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }), redirect: 'manual' });
    const wrong = await post(`${NEXT}0`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBe(null);
    expect(await wrong.text()).toMatch(/role="alert">That token is not accepted/);

    const right = await post(NEXT);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/');
    await right.arrayBuffer();
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toBe(`contactstate_read=${NEXT}; Path=/; HttpOnly; SameSite=Strict`);
    const withCookie = { headers: { cookie: `other=1; ${cookie.split(';')[0]!}` } };
    const page = await statusOf(`${harness.url}/`, withCookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('wallboard-config');
    for (const route of ['/wallboard/main.js', '/state', '/reconcile', '/changes?format=patch']) expect((await statusOf(`${harness.url}${route}`, withCookie)).status).toBe(200);
    expect((await statusOf(`${harness.url}/state`, { headers: { cookie: `contactstate_read=${TOKEN}x` } })).status).toBe(401);
  });

  it('guards a plugin mounted under a prefix: the form posts there and the cookie is scoped to it', async () => {
    const app = fastify();
    app.get('/host', async () => ({ host: true }));
    const durable = await openDurableEngine({ store: new MemoryStore() });
    await app.register(contactstatePlugin, { prefix: '/cs', durable, readTokens: [TOKEN] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      expect((await statusOf(`${url}/host`)).status).toBe(200);
      for (const page of ['/cs/', '/cs']) expect((await statusOf(`${url}${page}`)).text).toMatch(/action="\/cs\/session"/);
      expect((await statusOf(`${url}/cs/state`)).status).toBe(401);
      const signedIn = await fetch(`${url}/cs/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${TOKEN}`, redirect: 'manual' });
      expect([signedIn.status, signedIn.headers.get('location'), signedIn.headers.get('set-cookie')]).toEqual([303, '/cs/', `contactstate_read=${TOKEN}; Path=/cs; HttpOnly; SameSite=Strict`]);
      expect((await statusOf(`${url}/cs/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the plugin', () => {
  it('refuses read tokens a cookie cannot carry or too short to guess at, without repeating them', async () => {
    for (const bad of ['short', 'semi;colon-0123456789', 'space in it 0123456789']) {
      const app = fastify();
      const durable = await openDurableEngine({ store: new MemoryStore() });
      const registering = app.register(contactstatePlugin, { durable, readTokens: [TOKEN, bad] });
      await expect(registering).rejects.toThrow(/readTokens: a read token is 16 to 512 characters/);
      await expect(registering).rejects.not.toThrow(bad);
      await app.close().catch(() => undefined);
      await durable.close();
    }
  });
});

describe('readTokenCheck', () => {
  it('accepts exactly the tokens given, any of them', () => {
    const accepted = readTokenCheck([TOKEN, NEXT]);
    expect([TOKEN, NEXT].map(accepted)).toEqual([true, true]);
    expect([undefined, '', TOKEN.slice(1), `${NEXT} `, TOKEN + NEXT].map(accepted)).toEqual([false, false, false, false, false]);
    expect(readTokenCheck([])(TOKEN)).toBe(false);
  });
});

describe('contactstate serve', () => {
  it('refuses to start on a host beyond loopback with the read side open, and says why', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await serve(['--host', '0.0.0.0', '--db', ':memory:', '--port', '0'], {})).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/--host 0\.0\.0\.0 takes outside traffic.*--read-token/);
    } finally {
      stderr.mockRestore();
    }
  });
});
