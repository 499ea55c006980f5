// The queue panel's rows (src/wallboard/queues.js): one per queue in id order, today's service
// level against the target (exactly at it meets it; none without a denominator), and percents that
// never round a level up to its target.
import { describe, expect, it } from 'vitest';
import type { QueueIntervalKpis, QueueKpis } from '../../src/kpi/kpiTypes.js';
import { formatPercent, queueRows } from '../../src/wallboard/queues.js';

const today = (extra: Partial<QueueIntervalKpis>): QueueIntervalKpis => ({
  from: 0,
  to: 86_400_000,
  entered: 0,
  answered: 0,
  answeredWithinThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  serviceLevel: null,
  averageSpeedOfAnswerMs: null,
  averageHandleTimeMs: null,
  longestWaitMs: null,
  ...extra,
});
const queue = (queueId: string, serviceLevel: number | null, live: Partial<QueueKpis['live']> = {}, abandoned = 0): QueueKpis => ({
  queueId,
  channelType: null,
  asOf: 1000,
  live: { waiting: 0, longestWaitMs: null, offered: 0, inProgress: 0, ...live },
  today: today({ serviceLevel, abandoned }),
});

describe('queueRows', () => {
  it('gives one row per queue in id order: service level and whether it meets the target, waiting, longest wait, abandoned', () => {
    const rows = queueRows([queue('sales', 0.8, { waiting: 3, longestWaitMs: 42_000 }, 2), queue('billing', 0.79), queue('new', null)], 0.8);
    expect(rows).toEqual([
      { id: 'billing', serviceLevel: 0.79, meetsTarget: false, waiting: 0, longestWaitMs: null, abandoned: 0 },
      { id: 'new', serviceLevel: null, meetsTarget: null, waiting: 0, longestWaitMs: null, abandoned: 0 },
      { id: 'sales', serviceLevel: 0.8, meetsTarget: true, waiting: 3, longestWaitMs: 42_000, abandoned: 2 },
    ]);
  });
});

describe('formatPercent', () => {
  it('shows whole percents rounded down, exact ratios exactly', () => {
    expect([0, 1 / 3, 0.7999, 0.8, 0.57, 1].map(formatPercent)).toEqual(['0 %', '33 %', '79 %', '80 %', '57 %', '100 %']);
  });
});
