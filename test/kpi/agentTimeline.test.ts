// Agent timelines: an agent's states as intervals over a range, and its totals per day by state
// and idle code — corrected by a late event like the agent's view, and kept past the horizon.
import { describe, expect, it } from 'vitest';
import { createEngine, type Delivery, type Engine, type EngineOptions } from '../../src/index.js';
import { givenEngine } from '../support/givenWhen.js';
import { permutations } from '../support/permutations.js';
import { agentState, at, loggedIn, logout, MINUTE, SECOND, taskDeliveries, T0 } from './webexTasks.js';

/** a1's shift: a call from 60 to 140 s, lunch from 200 to 500 s, logged out at 600 s. */
const shift = (): Delivery[] => [
  ...loggedIn(at(0), 'a1'),
  ...taskDeliveries('t1', [{ do: 'queue', at: 50 }, { do: 'ring', at: 60, agent: 'a1' }, { do: 'answer', at: 70, agent: 'a1' }, { do: 'end', at: 130, agent: 'a1' }, { do: 'close', at: 140, agent: 'a1' }]),
  agentState(at(200), 'a1', 'idle', { idleCodeId: 'lunch' }),
  agentState(at(500), 'a1', 'available'),
  logout(at(600), 'a1'),
];

const given = (deliveries: Delivery[], options: EngineOptions = {}): Engine => givenEngine(deliveries, { kpis: {}, ...options });

const WHOLE_DAY = { from: Date.UTC(2026, 10, 2), to: Date.UTC(2026, 10, 3), now: at(700) };

const SHIFT_INTERVALS = [
  { state: 'available', idleCode: null, tasks: [], from: at(0), to: at(60) },
  { state: 'reserved', idleCode: null, tasks: ['t1'], from: at(60), to: at(70) },
  { state: 'engaged', idleCode: null, tasks: ['t1'], from: at(70), to: at(130) },
  { state: 'wrapup', idleCode: null, tasks: ['t1'], from: at(130), to: at(140) },
  { state: 'available', idleCode: null, tasks: [], from: at(140), to: at(200) },
  { state: 'idle', idleCode: { id: 'lunch' }, tasks: [], from: at(200), to: at(500) },
  { state: 'available', idleCode: null, tasks: [], from: at(500), to: at(600) },
  { state: 'loggedOut', idleCode: null, tasks: [], from: at(600), to: null },
];

describe('agent timelines', () => {
  it('give the agent’s states as intervals, and its totals for the day by state and idle code', () => {
    expect(given(shift()).agentTimeline('a1', WHOLE_DAY)).toEqual({
      agentId: 'a1',
      from: WHOLE_DAY.from,
      to: WHOLE_DAY.to,
      asOf: at(700),
      intervals: SHIFT_INTERVALS,
      totals: [
        {
          day: Date.UTC(2026, 10, 2),
          loggedInMs: 600 * SECOND,
          byState: { loggedOut: 100 * SECOND, idle: 300 * SECOND, available: 220 * SECOND, reserved: 10 * SECOND, engaged: 60 * SECOND, wrapup: 10 * SECOND },
          idleByCode: { lunch: 300 * SECOND },
        },
      ],
    });
  });

  it('clip the intervals and the totals to the range asked for', () => {
    const timeline = given(shift()).agentTimeline('a1', { from: at(65), to: at(135) });
    expect(timeline.intervals.map(({ state, from, to }) => [state, from, to])).toEqual([
      ['reserved', at(65), at(70)],
      ['engaged', at(70), at(130)],
      ['wrapup', at(130), at(135)],
    ]);
    expect(timeline.totals[0]!.byState).toMatchObject({ reserved: 5 * SECOND, engaged: 60 * SECOND, wrapup: 5 * SECOND, available: 0 });
  });

  it('are the same in every arrival order of the lunch break and the logout', () => {
    const [login, ...rest] = shift();
    const tail = rest.slice(-3);
    for (const order of permutations(tail)) {
      expect(given([login!, ...rest.slice(0, -3), ...order]).agentTimeline('a1', WHOLE_DAY).intervals).toEqual(SHIFT_INTERVALS);
    }
  });

  it('keep what the agent’s ledger compacted, and are corrected by a late event still within the horizon', () => {
    const options = { horizonMs: MINUTE };
    const deliveries = shift();
    const lunchBack = deliveries.at(-2)!;
    const engine = given([...deliveries.slice(0, -2), deliveries.at(-1)!], options);
    const ledger = engine.snapshot().ledgers.find(({ entity }) => entity.kind === 'agent' && entity.id === 'a1')!;
    expect(ledger.baseKey?.time).toBeGreaterThan(at(70));
    expect(engine.agentTimeline('a1', WHOLE_DAY).intervals.at(-2)).toMatchObject({ state: 'idle', from: at(200), to: at(600) });
    engine.ingest(lunchBack);
    expect(engine.agentTimeline('a1', WHOLE_DAY).intervals).toEqual(SHIFT_INTERVALS);
  });

  it('answer the same after a restart from a snapshot', () => {
    const original = given(shift(), { horizonMs: MINUTE });
    const restored = createEngine({ kpis: {}, horizonMs: MINUTE, snapshot: JSON.parse(JSON.stringify(original.snapshot())) });
    expect(restored.agentTimeline('a1', WHOLE_DAY)).toEqual(original.agentTimeline('a1', WHOLE_DAY));
  });

  it('split the totals at midnight in the configured time zone', () => {
    // Logged in from 22:30 to 23:30 UTC: 23:30 to 00:30 in Paris.
    const engine = given([...loggedIn(Date.UTC(2026, 10, 2, 22, 30), 'a1'), logout(Date.UTC(2026, 10, 2, 23, 30), 'a1')], {
      kpis: { timeZone: 'Europe/Paris' },
    });
    const timeline = engine.agentTimeline('a1', { from: T0, to: T0 + 24 * 60 * MINUTE });
    expect(timeline.totals.map(({ day, loggedInMs }) => [day, loggedInMs])).toEqual([
      [Date.UTC(2026, 10, 1, 23), 30 * MINUTE],
      [Date.UTC(2026, 10, 2, 23), 30 * MINUTE],
    ]);
  });

  it('are empty for an agent never heard of, and refuse an empty range', () => {
    const engine = given(shift());
    expect(engine.agentTimeline('nobody', WHOLE_DAY)).toMatchObject({ intervals: [], totals: [] });
    expect(() => engine.agentTimeline('a1', { from: at(10), to: at(5) })).toThrow(/from < to/);
  });
});
