// Counters of what the engine has seen, per outcome and per source.
import type { SourceId } from '../events/canonical.js';
import { INGEST_STATUSES, type IngestStatus } from './outcome.js';

export type OutcomeCounts = Record<IngestStatus, number>;

export interface DeliveryStats {
  deliveries: number;
  /** Deliveries with an event stamped more than `maxFutureSkewMs` ahead of its receive time. */
  skewed: number;
  outcomes: OutcomeCounts;
  bySource: Partial<Record<SourceId | 'unknown', OutcomeCounts>>;
}

const zeroCounts = (): OutcomeCounts =>
  Object.fromEntries(INGEST_STATUSES.map((status) => [status, 0])) as OutcomeCounts;

export const emptyDeliveryStats = (): DeliveryStats => ({ deliveries: 0, skewed: 0, outcomes: zeroCounts(), bySource: {} });

export function countDelivery(stats: DeliveryStats, source: SourceId | null, status: IngestStatus): void {
  stats.deliveries++;
  stats.outcomes[status]++;
  const bySource = (stats.bySource[source ?? 'unknown'] ??= zeroCounts());
  bySource[status]++;
}
