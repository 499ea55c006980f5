// The HTTP receiver under a bounded load on loopback: `contactstate serve` in its own process
// (SQLite file, default logging, no signature secret), and autocannon in this one posting the
// workload's deliveries in order to /webhooks/webex over a fixed number of connections, after an
// untimed warm-up on the deliveries before them. Each 2xx was acknowledged only after its delivery
// was committed to the log. The load is bounded by a request count and a time limit, and the
// server is stopped at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimedDelivery } from '../../examples/disorder.js';
import { postFeed } from './postFeed.js';
import { startServe, stopServe } from './serveProcess.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

export interface ReceiverResult {
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  connections: number;
}

/** The first `warmup` deliveries are posted untimed (the server's JIT warms up), then the rest are measured. */
export async function measureReceiver(feed: readonly TimedDelivery[], warmup: number): Promise<ReceiverResult> {
  const directory = mkdtempSync(join(tmpdir(), 'contactstate-receiver-'));
  const server = await startServe(['--db', join(directory, 'receiver.db')]).catch((error: unknown) => {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  });
  const post = async (deliveries: readonly TimedDelivery[]) => {
    const posted = await postFeed({ urls: [server.url], connections: CONNECTIONS, bodies: deliveries.map((delivery) => delivery.line) });
    if (posted.result.non2xx > 0 || posted.result.errors > 0) {
      const errors = server.errors();
      throw new Error(`receiver: ${posted.result.non2xx} non-2xx answers, ${posted.result.errors} errors${errors ? `; server said: ${errors.slice(0, 2000)}` : ''}`);
    }
    return posted;
  };
  try {
    await post(feed.slice(0, warmup));
    const { result, seconds } = await post(feed.slice(warmup));
    const answered = result['2xx'];
    return {
      requests: answered,
      perSec: answered / seconds,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      connections: CONNECTIONS,
    };
  } finally {
    await stopServe(server);
    rmSync(directory, { recursive: true, force: true });
  }
}
