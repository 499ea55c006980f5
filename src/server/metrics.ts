// Prometheus metrics (prom-client), on a registry of their own so that several receivers (tests,
// or a host app with its own metrics) never collide. Counters count this process's deliveries;
// the gauges read the engine, whose figures cover everything folded since the store began.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IngestOutcome, IngestStatus } from '../engine/outcome.js';
import type { DurableEngine } from '../store/durableEngine.js';
import { keepsKpis } from './kpiRoutes.js';
import { registerQueueGauges } from './queueMetrics.js';

export interface ContactstateMetrics {
  readonly registry: Registry;
  /** One delivery answered: its source, outcome and time from arrival to answer. */
  delivered(source: string, outcome: Pick<IngestOutcome, 'status' | 'skewed'>, seconds: number): void;
  signatureFailed(source: string): void;
  /** A request refused before it reached the log (413, 415, 404, 503 ...). */
  refused(status: number): void;
}

export function createMetrics(durable: DurableEngine, registry = new Registry()): ContactstateMetrics {
  const prefix = 'contactstate_';
  const deliveries = new Counter({
    name: `${prefix}deliveries_total`,
    help: 'Webhook deliveries answered, by source and outcome (applied, reordered, duplicate, conflict, late, rejected, ignored)',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const byOutcome = (outcome: IngestStatus, help: string) =>
    new Counter({ name: `${prefix}${outcome}_total`, help, labelNames: ['source'], registers: [registry] });
  const duplicates = byOutcome('duplicate', 'Deliveries that repeated an event already folded');
  const reordered = byOutcome('reordered', 'Deliveries folded out of order (a rewind to a checkpoint and a refold)');
  const late = byOutcome('late', 'Deliveries older than their entity base (placed by refolding the entity from the store)');
  const skewed = new Counter({
    name: `${prefix}skewed_total`,
    help: 'Deliveries stamped more than maxFutureSkewMs ahead of their receive time: folded, their source clock not moved',
    labelNames: ['source'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${prefix}ingest_duration_seconds`,
    help: 'From a webhook request read to its answer: signature, commit (fsync) and fold',
    labelNames: ['source'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const signatureFailures = new Counter({
    name: `${prefix}signature_failures_total`,
    help: 'Deliveries refused for a missing or bad signature (401)',
    labelNames: ['source'],
    registers: [registry],
  });
  const refusals = new Counter({
    name: `${prefix}http_refusals_total`,
    help: 'Webhook requests refused before reaching the log, by HTTP status',
    labelNames: ['status'],
    registers: [registry],
  });
  const engineGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  const stats = () => durable.engine.stats();
  engineGauge('agents', 'Agents known', () => stats().agents);
  engineGauge('tasks', 'Tasks known', () => stats().tasks);
  engineGauge('entities_with_gaps', 'Entities whose fold skipped states (lost deliveries): candidates to reconcile', () => stats().entitiesWithGaps);
  engineGauge('entities_needing_reconciliation', 'Entities with late events that could not be placed', () => stats().needingReconciliation);
  engineGauge('log_applied_seq', 'Newest delivery log position folded into the engine', () => durable.status().appliedSeq);
  engineGauge('store_commits', 'Store transactions committed by this process (group commit)', () => durable.status().commits);
  engineGauge('store_committed_deliveries', 'Deliveries committed by this process', () => durable.status().committedDeliveries);
  engineGauge('entity_rebuilds', 'Entities refolded from the store to place a late event', () => durable.status().rebuilds);
  if (keepsKpis(durable.engine)) registerQueueGauges(registry, durable.engine, prefix);
  collectDefaultMetrics({ register: registry, prefix });

  return {
    registry,
    delivered(source, { status, skewed: aheadMs }, seconds) {
      deliveries.inc({ source, outcome: status });
      if (aheadMs !== undefined) skewed.inc({ source });
      if (status === 'duplicate') duplicates.inc({ source });
      if (status === 'reordered') reordered.inc({ source });
      if (status === 'late') late.inc({ source });
      latency.observe({ source }, seconds);
    },
    signatureFailed: (source) => signatureFailures.inc({ source }),
    refused: (status) => refusals.inc({ status: String(status) }),
  };
}
