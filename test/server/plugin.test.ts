// The library seam: the receiver mounted in a host's own fastify app, under a prefix, beside the
// host's routes, parsers and metrics.
import type { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { contactstatePlugin, MemoryStore, openDurableEngine } from '../../src/server/index.js';
import { webexSample } from '../store/feeds.js';

describe('contactstatePlugin', () => {
  it('mounts under a prefix without touching the host app', async () => {
    const app = fastify();
    app.post('/api/echo', async (request) => ({ echoed: request.body }));
    const registry = new Registry();
    const durable = await openDurableEngine({ store: new MemoryStore() });
    await app.register(contactstatePlugin, { prefix: '/contactstate', durable, registry });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const echoed = await fetch(`${url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      expect(await echoed.json()).toEqual({ echoed: { a: 1 } });

      const [line] = webexSample(1);
      const answer = await fetch(`${url}/contactstate/webhooks/webex`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: line!.line });
      expect(answer.status).toBe(200);
      expect(Object.keys((await (await fetch(`${url}/contactstate/agents`)).json()) as object)).toEqual(['agent-0020']);
      expect(await registry.metrics()).toContain('contactstate_deliveries_total{source="webex",outcome="applied"} 1');
      expect((await fetch(`${url}/webhooks/webex`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await app.close();
    }
    await expect(durable.receive({ source: 'webex', headers: {}, body: Buffer.from('{}'), receivedAt: 0 })).rejects.toThrow(/closed/);
  });
});
