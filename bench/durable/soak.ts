// The soak row: simulated days of a contact center through the durable engine on a SQLite
// file, event and receive time fast-forwarded, the engine's default retention (24 h) and the
// shortest log it allows (two retention periods: 48 h). At the end of each day: heap after GC,
// checkpoint bytes, log size (deliveries, and the database file with its WAL), and the time to
// close and reopen the receiver (checkpoint load and log tail), which the next day then runs on.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateDay } from '../../examples/webex/simulateDays.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { collectGarbage, timedAsync } from '../support/measure.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 2);

export interface SoakSize {
  days: number;
  agents: number;
  tasksPerDay: number;
}

export const SOAK_FULL: SoakSize = { days: 7, agents: 200, tasksPerDay: 20_000 };
export const SOAK_QUICK: SoakSize = { days: 3, agents: 20, tasksPerDay: 2_000 };

export interface SoakDay {
  day: number;
  deliveries: number;
  deliveriesPerSec: number;
  heapMB: number;
  ledgers: number;
  checkpointBytes: number;
  logDeliveries: number;
  dbBytes: number;
  restartSeconds: number;
}

export async function measureSoak(size: SoakSize, log: (message: string) => void): Promise<SoakDay[]> {
  const dir = mkdtempSync(join(tmpdir(), 'contactstate-soak-'));
  const path = join(dir, 'soak.db');
  const clock = { now: START };
  const open = () => openDurableEngine({ store: new SqliteStore(path, { commitThread: true }), keepLogMs: 2 * DAY, now: () => clock.now });
  const days: SoakDay[] = [];
  try {
    let durable: DurableEngine = await open();
    for (let day = 0; day < size.days; day++) {
      const feed = simulateDay(day, { agents: size.agents, tasksPerDay: size.tasksPerDay, start: START });
      const seconds = await timedAsync(async () => {
        for (let next = 0; next < feed.length; next += 512) {
          const burst = feed.slice(next, next + 512).map(({ time, line }) => ({ source: 'webex' as const, headers: {}, body: Buffer.from(line), receivedAt: time }));
          clock.now = burst.at(-1)!.receivedAt;
          await Promise.all(burst.map((delivery) => durable.receive(delivery)));
        }
      });
      await durable.prune();
      collectGarbage();
      const heapMB = process.memoryUsage().heapUsed / 1e6;
      const ledgers = durable.engine.snapshot().ledgers.length;
      const checkpointBytes = JSON.stringify(await durable.store.latestCheckpoint()).length;
      const logDeliveries = (await durable.store.counts()).deliveries;
      await durable.close();
      const dbBytes = fileSize(path) + fileSize(`${path}-wal`);
      const restartSeconds = await timedAsync(async () => {
        durable = await open();
      });
      const measured = { day: day + 1, deliveries: feed.length, deliveriesPerSec: feed.length / seconds, heapMB, ledgers, checkpointBytes, logDeliveries, dbBytes, restartSeconds };
      days.push(measured);
      log(`soak day ${day + 1}/${size.days}: ${JSON.stringify(measured)}`);
    }
    await durable.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return days;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
