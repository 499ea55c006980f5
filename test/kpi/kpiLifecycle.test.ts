// Queue KPIs as views change: a late event takes back a task's old contribution (and the change
// feed says `corrected`), a task leaving memory keeps its contribution, old buckets go, a restart
// from a snapshot answers the same, and bad options are clear errors.
import { describe, expect, it } from 'vitest';
import { createEngine, type ViewChange } from '../../src/index.js';
import { at, clockAt, loggedIn, MINUTE, SECOND, taskDeliveries, T0 } from './webexTasks.js';

const DAY = 24 * 60 * MINUTE;

/** Deliveries cut into steps of the given lengths. */
const steps = <T>(deliveries: T[], lengths: number[]): T[][] => {
  let start = 0;
  return lengths.map((length) => deliveries.slice(start, (start += length)));
};

describe('queue KPIs as views change', () => {
  it('take back what a task counted when a late event changes its view', () => {
    const [queued, ringing, answered, ended] = steps(
      taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'ring', at: 5, agent: 'a1' }, { do: 'answer', at: 10, agent: 'a1' }, { do: 'end', at: 60 }]),
      [2, 2, 2, 1],
    );
    const engine = createEngine({ kpis: {} });
    for (const delivery of [...loggedIn(at(0), 'a1'), ...queued!, ...ringing!, ...ended!]) engine.ingest(delivery);
    expect(engine.queue('q1', { now: at(60) })!.today).toMatchObject({ entered: 1, answered: 0, abandoned: 1, longestWaitMs: 60 * SECOND });
    expect(answered!.map((delivery) => engine.ingest(delivery).status)).toEqual(['reordered', 'reordered']);
    expect(engine.queue('q1', { now: at(60) })!.today).toMatchObject({ entered: 1, answered: 1, abandoned: 0, longestWaitMs: 10 * SECOND, averageSpeedOfAnswerMs: 10 * SECOND });
  });

  it('send a queue’s KPIs to the change feed when they move, marked corrected after a late event', () => {
    const [queued, answered, ended] = steps(taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'answer', at: 10, agent: 'a1' }, { do: 'end', at: 60 }]), [2, 2, 1]);
    const engine = createEngine({ kpis: {} });
    const queueChanges: Extract<ViewChange, { kind: 'queue' }>[] = [];
    engine.subscribe((change) => change.kind === 'queue' && queueChanges.push(change));
    for (const delivery of [...queued!, ...ended!, ...answered!]) engine.ingest(delivery);
    expect(queueChanges.map(({ id, corrected, view }) => [id, corrected, view.today.answered, view.today.abandoned, view.live.waiting])).toEqual([
      ['q1', false, 0, 0, 1],
      ['q1', false, 0, 1, 0],
      ['q1', true, 1, 0, 0],
    ]);
  });

  it('keep the contribution of a task that left memory (retention)', () => {
    const engine = createEngine({ kpis: {}, horizonMs: 15 * MINUTE, dedupeWindowMs: 60 * MINUTE, retentionMs: 60 * MINUTE });
    for (const delivery of taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'end', at: 60 }])) engine.ingest(delivery);
    for (let minute = 5; minute <= 200; minute += 5) engine.ingest(clockAt(at(minute * 60)));
    expect(engine.task('t1')).toBeUndefined();
    expect(engine.queue('q1')!.today).toMatchObject({ entered: 1, abandoned: 1, longestWaitMs: 60 * SECOND });
  });

  it('settle the wait of a task forgotten after its tombstone: its bucket keeps only the longest such wait, and answers the same', () => {
    const engine = createEngine({ kpis: {}, horizonMs: 15 * MINUTE, dedupeWindowMs: 60 * MINUTE, retentionMs: 60 * MINUTE });
    const tasks = [...taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'end', at: 60 }]), ...taskDeliveries('t2', [{ do: 'queue', at: 10 }, { do: 'end', at: 40 }])];
    for (const delivery of tasks) engine.ingest(delivery);
    const firstQuarter = { interval: '15m', from: T0, to: T0 + 15 * MINUTE } as const;
    const intervals = engine.queue('q1', firstQuarter)!.intervals;
    expect(intervals![0]).toMatchObject({ entered: 2, abandoned: 2, longestWaitMs: 60 * SECOND });
    for (let minute = 5; minute <= 200; minute += 5) engine.ingest(clockAt(at(minute * 60)));
    expect(engine.task('t1')).toBeUndefined();
    const waitsKept = () => engine.snapshot().kpis!.queues.buckets.map(([, , , , waits, settled]) => [waits, settled]);
    // Given: both left memory, and are remembered while their tombstones live.
    expect(waitsKept()).toEqual([[[[60 * SECOND, 1], [30 * SECOND, 1]], null]]);
    // When: the next day's trim forgets them, then each bucket keeps one number for their waits.
    engine.ingest(clockAt(T0 + DAY));
    engine.ingest(clockAt(T0 + DAY + 1));
    expect(waitsKept()).toEqual([[[], 60 * SECOND]]);
    expect(engine.queue('q1', firstQuarter)!.intervals).toEqual(intervals);
  });

  it('keep `keepDays` days of buckets, counting today', () => {
    const engine = createEngine({ kpis: { keepDays: 2 } });
    for (const delivery of taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'end', at: 60 }])) engine.ingest(delivery);
    const interval = { interval: '15m', from: T0, to: T0 + 15 * MINUTE } as const;
    engine.ingest(clockAt(T0 + DAY));
    engine.ingest(clockAt(T0 + DAY + 1));
    expect(engine.queue('q1', interval)!.intervals![0]!.entered).toBe(1);
    engine.ingest(clockAt(T0 + 2 * DAY));
    engine.ingest(clockAt(T0 + 2 * DAY + 1));
    expect(engine.queue('q1', interval)).toBeUndefined();
  });

  it('answer the same after a restart from a snapshot, and go on counting', () => {
    const deliveries = [
      ...loggedIn(at(0), 'a1'),
      ...taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'answer', at: 12, agent: 'a1' }, { do: 'end', at: 90, agent: 'a1' }, { do: 'close', at: 95, agent: 'a1' }]),
      ...taskDeliveries('t2', [{ do: 'queue', at: 30 }, { do: 'end', at: 33 }]),
    ];
    const later = taskDeliveries('t3', [{ do: 'queue', at: 100 }]);
    const original = createEngine({ kpis: {} });
    for (const delivery of deliveries) original.ingest(delivery);
    const restored = createEngine({ kpis: {}, snapshot: JSON.parse(JSON.stringify(original.snapshot())) });
    expect(restored.queues({ now: at(120) })).toEqual(original.queues({ now: at(120) }));
    for (const delivery of later) {
      original.ingest(delivery);
      restored.ingest(delivery);
    }
    expect(restored.queues({ now: at(120) })).toEqual(original.queues({ now: at(120) }));
    expect(restored.queues({ now: at(120) })[0]!.today.entered).toBe(3);
  });

  it('count afresh from the tasks in memory when restored with other counting rules', () => {
    const original = createEngine({ kpis: {} });
    for (const delivery of taskDeliveries('t1', [{ do: 'queue', at: 0 }, { do: 'end', at: 3 }])) original.ingest(delivery);
    const snapshot = JSON.parse(JSON.stringify(original.snapshot()));
    expect(createEngine({ kpis: {}, snapshot }).queue('q1')!.today.shortAbandoned).toBe(1);
    expect(createEngine({ kpis: { shortAbandonMs: 1000 }, snapshot }).queue('q1')!.today).toMatchObject({ abandoned: 1, shortAbandoned: 0 });
  });
});

describe('KPI options', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus' }, /timeZone: not an IANA time zone/],
    [{ serviceLevelThresholdMs: -1 }, /serviceLevelThresholdMs/],
    [{ serviceLevelFormula: 'best' }, /serviceLevelFormula/],
    [{ shortAbandonMs: 1.5 }, /shortAbandonMs/],
    [{ keepDays: 0 }, /keepDays/],
    [{ colour: 'red' }, /colour/],
  ])('refuse %j with a clear error', (kpis, message) => {
    expect(() => createEngine({ kpis: kpis as never })).toThrow(message);
  });

  it('are needed to read KPIs', () => {
    expect(() => createEngine().queues()).toThrow(/create the engine with the `kpis` option/);
  });

  it('refuse an interval range that is empty or longer than what is kept', () => {
    const engine = createEngine({ kpis: {} });
    for (const delivery of taskDeliveries('t1', [{ do: 'queue', at: 0 }])) engine.ingest(delivery);
    expect(() => engine.queue('q1', { from: at(10), to: at(10) })).toThrow(/from < to/);
    expect(() => engine.queue('q1', { from: T0, to: T0 + 10 * DAY })).toThrow(/at most 9 days/);
  });
});
