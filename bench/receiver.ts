// The HTTP receiver under a bounded load on loopback: `contactstate serve` in its own process
// (SQLite file, default logging, no signature secret), and autocannon in this one posting the
// workload's deliveries in order to /webhooks/webex over a fixed number of connections, after an
// untimed warm-up on the deliveries before them. Each 2xx was acknowledged only after its delivery
// was committed to the log. The load is bounded by a request count and a time limit, and the
// server is stopped at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { TimedDelivery } from '../examples/disorder.js';

const CLI = fileURLToPath(new URL('../bin/contactstate.js', import.meta.url));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const LIMIT_SECONDS = 120;

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
  const port = await freePort();
  const server = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--db', join(directory, 'receiver.db')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  server.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const post = async (deliveries: readonly TimedDelivery[]) => {
    const posted = await postInOrder(port, deliveries);
    if (posted.result.non2xx > 0 || posted.result.errors > 0) {
      throw new Error(`receiver: ${posted.result.non2xx} non-2xx answers, ${posted.result.errors} errors${errors ? `; server said: ${errors.slice(0, 2000)}` : ''}`);
    }
    return posted;
  };
  try {
    await waitUntilHealthy(port, server);
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
    await stop(server);
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Posts the deliveries in order over CONNECTIONS connections; seconds from the start to the last answer. */
function postInOrder(port: number, deliveries: readonly TimedDelivery[]): Promise<{ result: autocannon.Result; seconds: number }> {
  let next = 0;
  const started = performance.now();
  let lastAnswer = started;
  return new Promise((resolve, reject) => {
    const run = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        amount: deliveries.length,
        duration: LIMIT_SECONDS,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/webhooks/webex',
            headers: { 'content-type': 'application/json' },
            // Each request takes the next delivery of the workload, so the feed arrives in order
            // (give or take the 16 requests in flight).
            setupRequest: (request) => ({ ...request, body: deliveries[next++ % deliveries.length]!.line }),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve({ result, seconds: (lastAnswer - started) / 1000 })),
    );
    // autocannon notices that `amount` is reached only on its once-a-second sample tick, so its
    // `duration` is rounded up to whole seconds (up to 25 % off on a 4 s run): time to the last answer.
    run.on('response', () => (lastAnswer = performance.now()));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilHealthy(port: number, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) throw new Error(`contactstate serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('contactstate serve did not become healthy within 10 s');
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}
