// Queue KPIs (docs/kpis.md) on hand-computed lifecycles: each formula, and the boundaries —
// answered at exactly T, abandoned at exactly the short-abandon threshold, a task crossing a
// bucket or the day's end, a transfer back to queue, a conference, a task that never ends.
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type EngineOptions, type QueueIntervalKpis } from '../../src/index.js';
import { givenEngine } from '../support/givenWhen.js';
import { at, clockAt, loggedIn, MINUTE, SECOND, type Step, T0, taskDeliveries } from './webexTasks.js';

const given = (tasks: Record<string, Step[]>, options: EngineOptions['kpis'] = {}): Engine =>
  givenEngine([...loggedIn(at(0), 'a1', 'a2', 'a3'), ...Object.entries(tasks).flatMap(([taskId, steps]) => taskDeliveries(taskId, steps))], { kpis: options });

const today = (engine: Engine, now = at(3600)): QueueIntervalKpis => engine.queue('q1', { now })!.today;

/** Five tasks: answered after 10 s and 30 s, abandoned after 3 s (short) and 60 s, one still waiting. */
const FIVE = {
  quick: [{ do: 'queue', at: 100 }, { do: 'ring', at: 105, agent: 'a1' }, { do: 'answer', at: 110, agent: 'a1' }, { do: 'end', at: 170, agent: 'a1' }, { do: 'close', at: 180, agent: 'a1' }],
  slow: [{ do: 'queue', at: 100 }, { do: 'ring', at: 125, agent: 'a2' }, { do: 'answer', at: 130, agent: 'a2' }, { do: 'hold', at: 150, agent: 'a2' }, { do: 'unhold', at: 160, agent: 'a2' }, { do: 'end', at: 200, agent: 'a2' }, { do: 'close', at: 230, agent: 'a2' }],
  gone: [{ do: 'queue', at: 100 }, { do: 'end', at: 103 }],
  tired: [{ do: 'queue', at: 100 }, { do: 'end', at: 160 }],
  waiting: [{ do: 'queue', at: 300 }],
} satisfies Record<string, Step[]>;

describe('queue KPIs', () => {
  it('count entered, answered, abandoned and short abandons, ASA, AHT and the longest wait of the day', () => {
    const engine = given(FIVE);
    expect(today(engine)).toEqual({
      from: Date.UTC(2026, 10, 2),
      to: Date.UTC(2026, 10, 3),
      entered: 5,
      answered: 2,
      answeredWithinThreshold: 1,
      abandoned: 2,
      shortAbandoned: 1,
      serviceLevel: 1 / 4,
      averageSpeedOfAnswerMs: 20 * SECOND,
      // quick: 60 s talk + 10 s wrap-up; slow: 20 + 40 s talk, 10 s hold, 30 s wrap-up.
      averageHandleTimeMs: (70 * SECOND + 100 * SECOND) / 2,
      longestWaitMs: 60 * SECOND,
    });
  });

  it.each([
    ['enteredLessShortAbandons', 1 / (5 - 1)],
    ['entered', 1 / 5],
    ['answeredOrAbandoned', 1 / (2 + 2 - 1)],
    ['answered', 1 / 2],
  ] as const)('compute the service level by the formula %s', (serviceLevelFormula, expected) => {
    expect(today(given(FIVE, { serviceLevelFormula })).serviceLevel).toBe(expected);
  });

  it('give no service level, ASA or AHT while their denominators are 0', () => {
    const engine = given({ waiting: [{ do: 'queue', at: 0 }] }, { serviceLevelFormula: 'answered' });
    expect(today(engine)).toMatchObject({ entered: 1, serviceLevel: null, averageSpeedOfAnswerMs: null, averageHandleTimeMs: null, longestWaitMs: null });
  });

  it('count a task answered after exactly T as within T, and one a millisecond later as not', () => {
    const exactly = [{ do: 'queue', at: 0 }, { do: 'answer', at: 20, agent: 'a1' }] satisfies Step[];
    expect(today(given({ exactly })).answeredWithinThreshold).toBe(1);
    const later = [{ do: 'queue', at: 0 }, { do: 'answer', at: 20.001, agent: 'a1' }] satisfies Step[];
    expect(today(given({ later }))).toMatchObject({ answered: 1, answeredWithinThreshold: 0, serviceLevel: 0 });
    expect(today(given({ later }, { serviceLevelThresholdMs: 20_001 })).serviceLevel).toBe(1);
  });

  it('count an abandon after exactly the short-abandon threshold as abandoned, and one a millisecond sooner as a short abandon', () => {
    const exactly = [{ do: 'queue', at: 0 }, { do: 'end', at: 5 }] satisfies Step[];
    expect(today(given({ exactly }))).toMatchObject({ abandoned: 1, shortAbandoned: 0, serviceLevel: 0 });
    const sooner = [{ do: 'queue', at: 0 }, { do: 'end', at: 4.999 }] satisfies Step[];
    expect(today(given({ sooner }))).toMatchObject({ abandoned: 1, shortAbandoned: 1, serviceLevel: null });
    expect(today(given({ sooner }, { shortAbandonMs: 0 }))).toMatchObject({ abandoned: 1, shortAbandoned: 0, serviceLevel: 0 });
  });

  it('count a task in the 15-minute bucket it entered the queue in, wherever it is answered', () => {
    const crossing = [{ do: 'queue', at: 14 * 60 + 50 }, { do: 'answer', at: 15 * 60 + 10, agent: 'a1' }] satisfies Step[];
    const intervals = given({ crossing }).queue('q1', { now: at(3600), interval: '15m', from: T0, to: T0 + 30 * MINUTE })!.intervals!;
    expect(intervals.map(({ from, entered, answered, averageSpeedOfAnswerMs }) => [from, entered, answered, averageSpeedOfAnswerMs])).toEqual([
      [T0, 1, 1, 20 * SECOND],
      [T0 + 15 * MINUTE, 0, 0, null],
    ]);
  });

  it('count a task that entered before midnight in the time zone in its day, not in the next one', () => {
    // 23:59:50 in Paris (UTC+1 in November) is 22:59:50 UTC.
    const lateEvening = Date.UTC(2026, 10, 2, 22, 59, 50);
    const seconds = (lateEvening - T0) / SECOND;
    const crossing = [{ do: 'queue', at: seconds }, { do: 'answer', at: seconds + 20, agent: 'a1' }] satisfies Step[];
    const engine = given({ crossing }, { timeZone: 'Europe/Paris' });
    const afterMidnight = engine.queue('q1', { now: lateEvening + MINUTE })!.today;
    expect(afterMidnight).toMatchObject({ from: Date.UTC(2026, 10, 2, 23), entered: 0 });
    expect(engine.queue('q1', { now: lateEvening })!.today).toMatchObject({ from: Date.UTC(2026, 10, 1, 23), to: Date.UTC(2026, 10, 2, 23), entered: 1, answered: 1 });
    expect(given({ crossing }).queue('q1', { now: lateEvening + MINUTE })!.today).toMatchObject({ from: Date.UTC(2026, 10, 2), entered: 1 });
  });

  it('count a task transferred back to the queue once, answered at its first connection', () => {
    const transferred = [
      { do: 'queue', at: 0 },
      { do: 'answer', at: 10, agent: 'a1' },
      { do: 'queue', at: 40 },
      { do: 'answer', at: 70, agent: 'a2' },
      { do: 'end', at: 100 },
    ] satisfies Step[];
    const engine = given({ transferred });
    // Talk 10..40 and 70..100; the second wait is queue time, not handle time.
    expect(today(engine)).toMatchObject({ entered: 1, answered: 1, abandoned: 0, averageSpeedOfAnswerMs: 10 * SECOND, longestWaitMs: 10 * SECOND, averageHandleTimeMs: 60 * SECOND });
  });

  it('count a conference as talk time of one task', () => {
    const conference = [
      { do: 'queue', at: 0 },
      { do: 'answer', at: 5, agent: 'a1' },
      { do: 'conference', at: 20, agent: 'a1', expert: 'a2' },
      { do: 'end', at: 80, agent: 'a1' },
      { do: 'close', at: 90, agent: 'a1' },
      { do: 'close', at: 90, agent: 'a2' },
    ] satisfies Step[];
    // Talk from 5 to 80 s; a1 wrapped up while a2 was still on the task, so the task itself was
    // never in wrap-up: handle time is the task's, not the sum of its agents'.
    expect(today(given({ conference }))).toMatchObject({ entered: 1, answered: 1, averageHandleTimeMs: 75 * SECOND });
  });

  it('keep a task that never ends waiting: entered, neither answered nor abandoned, its wait growing with now', () => {
    const engine = given({ waiting: [{ do: 'queue', at: 30 }] }, { serviceLevelFormula: 'entered' });
    expect(engine.queue('q1', { now: at(90) })).toMatchObject({
      live: { waiting: 1, longestWaitMs: 60 * SECOND, offered: 0, inProgress: 0 },
      today: { entered: 1, answered: 0, abandoned: 0, serviceLevel: 0 },
    });
    expect(engine.queue('q1', { now: at(150) })!.live.longestWaitMs).toBe(120 * SECOND);
  });

  it('show live tasks by place: waiting, offered, in progress, and the wait of the longest waiting', () => {
    const engine = given({
      first: [{ do: 'queue', at: 10 }],
      second: [{ do: 'queue', at: 20 }],
      ringing: [{ do: 'queue', at: 0 }, { do: 'ring', at: 5, agent: 'a1' }],
      talking: [{ do: 'queue', at: 0 }, { do: 'answer', at: 5, agent: 'a2' }, { do: 'hold', at: 8, agent: 'a2' }],
    });
    expect(engine.queues({ now: at(40) })).toEqual([
      expect.objectContaining({ queueId: 'q1', channelType: null, asOf: at(40), live: { waiting: 2, longestWaitMs: 30 * SECOND, offered: 1, inProgress: 1 } }),
    ]);
  });

  it('take "now" from the engine’s event-time clock when not given', () => {
    const engine = given({ waiting: [{ do: 'queue', at: 30 }] });
    engine.ingest(clockAt(at(90)));
    engine.ingest(clockAt(at(91)));
    expect(engine.queues()[0]).toMatchObject({ asOf: at(91), live: { longestWaitMs: 61 * SECOND } });
  });

  it('split by channel type on request, and filter one', () => {
    const engine = createEngine({ kpis: {} });
    for (const delivery of [...taskDeliveries('call', [{ do: 'queue', at: 0 }]), ...taskDeliveries('chat', [{ do: 'queue', at: 0 }], { channelType: 'chat' })]) engine.ingest(delivery);
    expect(engine.queues({ now: at(10), byChannelType: true }).map(({ channelType, today }) => [channelType, today.entered])).toEqual([
      ['chat', 1],
      ['telephony', 1],
    ]);
    expect(engine.queue('q1', { now: at(10), channelType: 'chat' })!.today.entered).toBe(1);
    expect(engine.queue('q1', { now: at(10) })!.today.entered).toBe(2);
    expect(engine.queue('nope')).toBeUndefined();
  });
});
