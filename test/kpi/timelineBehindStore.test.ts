// An agent's timeline for a range older than memory keeps (`keepDays`) is refolded from the
// agent's history in the store: the same intervals as the engine held before it trimmed them.
import { expect, it } from 'vitest';
import { agentTimelineBehind, type AgentHistories, type Delivery } from '../../src/index.js';
import { storeHistories } from '../../src/server/kpiRoutes.js';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { type FreshStore, onEveryDurableStore } from '../store/durableStores.js';
import { received } from '../store/feeds.js';
import { temporaryDatabases } from '../store/tempDb.js';
import { agentState, at, clockAt, loggedIn, logout, MINUTE } from './webexTasks.js';

const dbPath = temporaryDatabases();
const DAY = 24 * 60 * MINUTE;
const FIRST_DAY = { from: Date.UTC(2026, 10, 2), to: Date.UTC(2026, 10, 3) };
/** Ten days on: memory keeps eight days (the default `keepDays`), so the first day is gone from it. */
const LATER = 10 * 24 * 60 * 60;

/** The first day's shift, as the deliveries say it (not as the engine folded it). */
const FIRST_DAY_INTERVALS = [
  { state: 'available', idleCode: null, tasks: [], from: at(0), to: at(200) },
  { state: 'idle', idleCode: { id: 'lunch' }, tasks: [], from: at(200), to: at(500) },
  { state: 'available', idleCode: null, tasks: [], from: at(500), to: at(600) },
  { state: 'loggedOut', idleCode: null, tasks: [], from: at(600), to: FIRST_DAY.to },
];

const deliveries = (): Delivery[] => [
  ...loggedIn(at(0), 'a1'),
  agentState(at(200), 'a1', 'idle', { idleCodeId: 'lunch' }),
  agentState(at(500), 'a1', 'available'),
  logout(at(600), 'a1'),
  ...loggedIn(at(LATER), 'a1'),
  clockAt(at(LATER + 60)),
];

function timelineBehindStoreSpec(fresh: FreshStore): void {
  it('given a day memory no longer keeps, when its timeline is asked for, then it is refolded from the store', async () => {
    const durable = await openDurableEngine({ store: await (await fresh())(), engine: { kpis: {} }, now: () => at(LATER) });
    for (const delivery of deliveries()) await durable.receive(received(delivery.body as string, at(LATER + 120)));
    const query = { ...FIRST_DAY, now: at(LATER + 60) };
    // Memory keeps eight days (keepDays), counting today.
    expect(durable.engine.agentTimelinesKeptFrom()).toBe(Date.UTC(2026, 10, 12) - 7 * DAY);
    expect(durable.engine.agentTimeline('a1', query).intervals).not.toEqual(FIRST_DAY_INTERVALS);
    const behind = await agentTimelineBehind(durable.engine, storeHistories(durable), 'a1', query);
    expect(behind).toMatchObject({ agentId: 'a1', intervals: FIRST_DAY_INTERVALS });
    expect(behind.totals).toEqual([
      expect.objectContaining({ day: FIRST_DAY.from, loggedInMs: 600_000, idleByCode: { lunch: 300_000 } }),
    ]);
    await durable.close();
  });

  it('given a range memory keeps, then memory answers it, as the store would', async () => {
    const durable = await openDurableEngine({ store: await (await fresh())(), engine: { kpis: {} }, now: () => at(LATER) });
    for (const delivery of deliveries()) await durable.receive(received(delivery.body as string, at(LATER + 120)));
    const query = { from: at(LATER - 60), to: at(LATER + 3600), now: at(LATER + 60) };
    const histories = storeHistories(durable);
    const refused: AgentHistories = { agentHistory: () => Promise.reject(new Error('memory holds this range')) };
    const behind = await agentTimelineBehind(durable.engine, refused, 'a1', query);
    expect(behind.intervals).toEqual([
      { state: 'loggedOut', idleCode: null, tasks: [], from: at(LATER - 60), to: at(LATER) },
      { state: 'available', idleCode: null, tasks: [], from: at(LATER), to: null },
    ]);
    const fromStore = durable.engine.agentTimelineFrom('a1', await histories.agentHistory('a1'), query);
    expect(fromStore).toEqual(behind);
    await durable.close();
  });
}

onEveryDurableStore('agent timelines behind the store', dbPath, timelineBehindStoreSpec);
