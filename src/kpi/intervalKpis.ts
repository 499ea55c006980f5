// From an interval's sums to its KPIs: the ratios and averages, and the service level by the
// formula chosen (kpiTypes.ts, docs/kpis.md).
import type { BucketSums } from './queueBuckets.js';
import type { QueueIntervalKpis, ServiceLevelFormula } from './kpiTypes.js';
import { assertNever } from '../assertNever.js';

export function intervalKpis(from: number, to: number, sums: BucketSums, formula: ServiceLevelFormula): QueueIntervalKpis {
  return {
    from,
    to,
    entered: sums.entered,
    answered: sums.answered,
    answeredWithinThreshold: sums.answeredWithinThreshold,
    abandoned: sums.abandoned,
    shortAbandoned: sums.shortAbandoned,
    serviceLevel: ratio(sums.answeredWithinThreshold, serviceLevelDenominator(sums, formula)),
    averageSpeedOfAnswerMs: ratio(sums.speedOfAnswerSumMs, sums.answered),
    averageHandleTimeMs: ratio(sums.handleTimeSumMs, sums.handled),
    longestWaitMs: sums.longestWaitMs,
  };
}

function serviceLevelDenominator(sums: BucketSums, formula: ServiceLevelFormula): number {
  switch (formula) {
    case 'enteredLessShortAbandons':
      return sums.entered - sums.shortAbandoned;
    case 'entered':
      return sums.entered;
    case 'answeredOrAbandoned':
      return sums.answered + sums.abandoned - sums.shortAbandoned;
    case 'answered':
      return sums.answered;
    default:
      return assertNever(formula);
  }
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
