// The wallboard as served: one page at `/` and every module it loads, all from the receiver
// (nothing from a CDN), with the import map and the state names the page needs, under the
// plugin's prefix too. (The page at work in a browser: test/browser/.)
import type { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATES, CHANNEL_STATES } from '../../src/events/states.js';
import { contactstatePlugin, MemoryStore, openDurableEngine } from '../../src/server/index.js';
import { killAllChildren, startServe } from './child.js';
import { type Harness, startServer } from './harness.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  killAllChildren();
});

/** Every URL the page names: its stylesheet, module scripts and the import map's modules. */
function urlsIn(html: string): string[] {
  const attributes = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  const importMap = JSON.parse(/<script type="importmap"[^>]*>(.*?)<\/script>/s.exec(html)![1]!) as { imports: Record<string, string> };
  return [...attributes, ...Object.values(importMap.imports)];
}

describe('the wallboard page', () => {
  it('is served at / with everything it loads served by the receiver, and a policy that allows nothing else', async () => {
    server = await startServer();
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    const config = JSON.parse(/<script type="application\/json" id="wallboard-config">(.*?)<\/script>/s.exec(html)![1]!) as { base: string; states: { agent: string[]; channel: string[] } };
    expect(config).toMatchObject({ base: '', serviceLevelTarget: 0.8, states: { agent: [...AGENT_STATES], channel: [...CHANNEL_STATES] } });
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`<script type="importmap" nonce="${nonce}">`);

    const urls = urlsIn(html);
    expect(urls.every((url) => url.startsWith('/'))).toBe(true);
    expect(urls).toEqual(expect.arrayContaining(['/wallboard/main.js', '/wallboard/wallboard.css', '/wallboard/vendor/preact.mjs', '/wallboard/vendor/htm.mjs', '/wallboard/vendor/immer.mjs']));
    for (const url of [...urls, '/wallboard/board.js', '/wallboard/components.js', '/wallboard/mirror.js']) {
      const asset = await fetch(`${server.url}${url}`);
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      const body = await asset.text();
      if (url.endsWith('js')) {
        expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
        // A browser has no `process`: the vendored immer is its production build.
        expect(body).not.toMatch(/process\.env/);
        // Every import is the page's own or one the import map names.
        for (const [, specifier] of body.matchAll(/\bfrom\s*["']([^"']+)["']/g)) expect(['preact', 'htm', 'immer'].includes(specifier!) || specifier!.startsWith('./')).toBe(true);
      }
    }
    expect((await fetch(`${server.url}/wallboard/../package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/wallboard/nothing.js`)).status).toBe(404);
  });

  it('gives the queue panel the service-level target configured', async () => {
    server = await startServer({ serviceLevelTarget: 0.9 });
    expect(await (await fetch(`${server.url}/`)).text()).toContain('"serviceLevelTarget":0.9');
  });

  it('names its files under the plugin’s prefix when mounted in a host app', async () => {
    const app = fastify();
    const durable = await openDurableEngine({ store: new MemoryStore() });
    await app.register(contactstatePlugin, { prefix: '/contactstate', durable });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const html = await (await fetch(`${url}/contactstate/`)).text();
      expect(html).toContain('"base":"/contactstate"');
      for (const asset of urlsIn(html)) {
        expect(asset.startsWith('/contactstate/')).toBe(true);
        expect((await fetch(`${url}${asset}`)).status).toBe(200);
      }
    } finally {
      await app.close();
    }
  });
});

describe('npm start', () => {
  it('names the wallboard in the line it starts with, and the page is there', async () => {
    const child = startServe(['--demo', '--demo-seconds', '1', '--db', ':memory:', '--log-level', 'info']);
    const url = await child.ready;
    await expect.poll(() => child.stderr.join(''), { timeout: 10_000 }).toContain(`contactstate listening on ${url} (store :memory:); the wallboard: ${url}/`);
    const page = await fetch(`${url}/`);
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('<title>contactstate wallboard</title>')]);
  }, 60_000);
});
