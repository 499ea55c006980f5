// Crash safety: a child `contactstate serve` ingesting a stream of deliveries is killed
// with SIGKILL at random points. After a restart, every delivery that got a 2xx is in the log, and
// once the sender has retried what was never acknowledged (as vendors do), the views equal an
// uninterrupted ingest of the same deliveries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../examples/random.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { disordered, webexSample } from '../store/feeds.js';
import { killAllChildren, startServe } from './child.js';

const dir = mkdtempSync(join(tmpdir(), 'contactstate-crash-'));
afterEach(killAllChildren);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FEED_SIZE = 1200;
const CONCURRENCY = 16;

interface Ack {
  seq: number;
  body: string;
}

/**
 * Posts the deliveries `CONCURRENCY` at a time; calls `onAck` after each 2xx. Requests that fail
 * (the process died) are left unacknowledged. Returns the indexes that were acknowledged.
 */
async function sendAll(url: string, bodies: string[], indexes: number[], onAck: (count: number) => void): Promise<Map<number, Ack>> {
  const acked = new Map<number, Ack>();
  let next = 0;
  let dead = false;
  const worker = async () => {
    while (!dead && next < indexes.length) {
      const index = indexes[next++]!;
      try {
        const response = await fetch(`${url}/webhooks/webex`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[index]! });
        if (response.ok) {
          const { seq } = (await response.json()) as { seq: number };
          acked.set(index, { seq, body: bodies[index]! });
          onAck(acked.size);
        }
      } catch {
        dead = true; // the receiver is gone: stop, as a vendor's sender would, and retry later
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return acked;
}

async function state(url: string): Promise<string> {
  const { agents, tasks } = (await (await fetch(`${url}/state`)).json()) as { agents: unknown; tasks: unknown };
  return JSON.stringify({ agents, tasks });
}

function uninterrupted(bodies: string[]): string {
  const engine = createEngine();
  for (const body of bodies) engine.ingest({ source: 'webex', body });
  const agents = Object.fromEntries(engine.agents().map((view) => [view.id, view]));
  const tasks = Object.fromEntries(engine.tasks().map((view) => [view.id, view]));
  return JSON.stringify({ agents, tasks });
}

const runs = [
  { seed: 11, killAt: 0.15, killDuringRestart: false },
  { seed: 23, killAt: 0.5, killDuringRestart: true },
  { seed: 37, killAt: 0.85, killDuringRestart: false },
];

describe('crash safety of contactstate serve', () => {
  it.each(runs)('SIGKILL at $killAt of the feed (seed $seed): acked deliveries are logged, views converge', async ({ seed, killAt, killDuringRestart }) => {
    const random = seededRandom(seed);
    const bodies = disordered(webexSample(FEED_SIZE), seed).map((delivery) => delivery.line);
    const db = join(dir, `run-${seed}.db`);
    const args = ['--db', db, '--checkpoint-every', '150', '--log-level', 'info'];
    const killAfter = Math.floor(bodies.length * killAt) + random.int(0, 40);

    const first = startServe(args);
    const url = await first.ready;
    const acked = await sendAll(url, bodies, [...bodies.keys()], (count) => {
      if (count === killAfter) first.process.kill('SIGKILL');
    });
    expect(await first.exited).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(killAfter);
    expect(acked.size).toBeLessThan(bodies.length);

    // Every acknowledged delivery is in the log, byte for byte, at the seq it was given.
    const store = new SqliteStore(db);
    const logged = new Map(store.deliveriesAfter(0, 1_000_000).map((delivery) => [delivery.seq, Buffer.from(delivery.body).toString('utf8')]));
    store.close();
    for (const { seq, body } of acked.values()) expect(logged.get(seq)).toBe(body);

    if (killDuringRestart) {
      // A second crash while restarting (loading, refolding the log, writing its snapshot) must
      // not lose or corrupt anything either.
      const interrupted = startServe(args);
      await new Promise((resolve) => setTimeout(resolve, random.int(200, 1500)));
      interrupted.process.kill('SIGKILL');
      await interrupted.exited;
    }

    const second = startServe(args);
    const restartedUrl = await second.ready;
    try {
      const health = (await (await fetch(`${restartedUrl}/healthz`)).json()) as { appliedSeq: number };
      expect(health.appliedSeq).toBeGreaterThanOrEqual(Math.max(...[...acked.values()].map((ack) => ack.seq)));
      // The sender retries everything it never heard a 2xx for.
      const unacked = [...bodies.keys()].filter((index) => !acked.has(index));
      const retried = await sendAll(restartedUrl, bodies, unacked, () => undefined);
      expect(retried.size).toBe(unacked.length);
      expect(await state(restartedUrl)).toBe(uninterrupted(bodies));
    } finally {
      second.process.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 90_000);
});
