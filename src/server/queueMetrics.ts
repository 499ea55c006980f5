// Prometheus gauges per queue (label `queue`), read from the engine's queue KPIs at each scrape:
// tasks waiting now, the longest wait now, and today's service level (docs/kpis.md defines it).
// A queue whose service level has no denominator yet (nothing entered today) has no sample for it.
// Only an engine that keeps KPIs (the `kpis` option) has these gauges.
import { Gauge, type Registry } from 'prom-client';
import type { Engine } from '../engine/engineTypes.js';
import type { QueueKpis } from '../kpi/kpiTypes.js';

export function registerQueueGauges(registry: Registry, engine: Engine, prefix: string): void {
  const perQueue = (name: string, help: string, read: (kpis: QueueKpis) => number | null) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      labelNames: ['queue'],
      registers: [registry],
      collect() {
        // A queue that left the KPIs (its buckets expired) leaves the gauge too.
        this.reset();
        for (const kpis of engine.queues()) {
          const value = read(kpis);
          if (value !== null) this.set({ queue: kpis.queueId }, value);
        }
      },
    });
  perQueue('queue_waiting', 'Tasks waiting in the queue now', (kpis) => kpis.live.waiting);
  perQueue('queue_longest_wait_seconds', 'How long the longest-waiting task has waited now (0 when none waits), in event time', (kpis) => (kpis.live.longestWaitMs ?? 0) / 1000);
  perQueue('queue_service_level', "Today's service level, 0..1 (answered within the threshold ÷ the selected denominator); absent while undefined", (kpis) => kpis.today.serviceLevel);
}
