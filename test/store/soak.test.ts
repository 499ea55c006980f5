// A scaled-down soak: five simulated days of a contact center through the durable engine,
// event time fast-forwarded, with a one-hour retention and a two-hour log. What memory, the
// checkpoint and the log hold must stay flat from day 2 to day 5: counts and bytes, not timings.
import { describe, expect, it } from 'vitest';
import { simulateDay } from '../../examples/webex/simulateDays.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { received } from './feeds.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 10, 2);
const AGENTS = 20;
const TASKS_PER_DAY = 800;

interface Footprint {
  /** Ledgers in memory. */
  ledgers: number;
  tombstones: number;
  /** The checkpoint's rows, as JSON. */
  checkpointBytes: number;
  /** Deliveries in the log. */
  logged: number;
  floors: number;
  finished: number;
}

async function footprint(durable: DurableEngine): Promise<Footprint> {
  await durable.prune();
  const snapshot = durable.engine.snapshot();
  const counts = await durable.store.counts();
  const checkpoint = await durable.store.latestCheckpoint();
  return {
    ledgers: snapshot.ledgers.length,
    tombstones: snapshot.tombstones?.length ?? 0,
    checkpointBytes: JSON.stringify(checkpoint).length,
    logged: counts.deliveries,
    floors: counts.floors,
    finished: counts.finished,
  };
}

describe('five simulated days through the durable engine', () => {
  it('keeps memory, checkpoint and log flat from day 2 to day 5', async () => {
    const clock = { now: START };
    const durable = await openDurableEngine({
      store: new MemoryStore(),
      engine: { horizonMs: 15 * 60_000, dedupeWindowMs: HOUR, retentionMs: HOUR },
      keepLogMs: 2 * HOUR,
      checkpointEvery: 200,
      now: () => clock.now,
    });
    const days: Footprint[] = [];
    const send = async (lines: string[]) => {
      for (let next = 0; next < lines.length; next += 200) {
        // A burst at a time, as a receiver gets them: they share a commit.
        const burst = lines.slice(next, next + 200).map((line) => received(line));
        clock.now = burst.at(-1)!.receivedAt;
        await Promise.all(burst.map((delivery) => durable.receive(delivery)));
      }
    };
    for (let day = 0; day < 5; day++) {
      // Measured at noon, in the thick of the day's work.
      const noon = START + day * DAY + DAY / 2;
      const feed = simulateDay(day, { agents: AGENTS, tasksPerDay: TASKS_PER_DAY, start: START });
      await send(feed.filter(({ time }) => time < noon).map(({ line }) => line));
      days.push(await footprint(durable));
      await send(feed.filter(({ time }) => time >= noon).map(({ line }) => line));
    }
    await durable.close();

    const [, day2, , , day5] = days as [Footprint, Footprint, Footprint, Footprint, Footprint];
    for (const key of Object.keys(day2) as (keyof Footprint)[]) {
      expect(day5[key], key).toBeLessThanOrEqual(Math.ceil(day2[key] * 1.2));
      expect(day5[key], key).toBeGreaterThan(0);
    }
    // Retention did its work: a day's tasks do not all stay (800 a day, 20 agents).
    expect(day5.ledgers).toBeLessThan(TASKS_PER_DAY);
  }, 120_000);
});
