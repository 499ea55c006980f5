// GET /healthz says whether the receiver can take deliveries: 503 while its store cannot be reached
// (a shared PostgreSQL that is down), so that a load balancer sends webhooks to a node that can
// commit them; 200 again once it answers.
import { afterEach, expect, it } from 'vitest';
import { type Harness, startServer } from './harness.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('answers 503 with the reason while the store does not answer, and 200 once it does', async () => {
  server = await startServer();
  expect(await server.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok', appliedSeq: 0 } });
  let reachable = false;
  // A store over the network, which the health check asks each time.
  server.durable.store.ping = async () => {
    if (!reachable) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  };
  expect(await server.get('/healthz')).toMatchObject({ status: 503, body: { status: 'unhealthy', reason: 'connect ECONNREFUSED 127.0.0.1:5432', appliedSeq: 0 } });
  reachable = true;
  expect(await server.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
});
