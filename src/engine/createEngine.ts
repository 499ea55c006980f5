// The engine: routes each delivery through its source adapter to the ledgers of the entities it
// asserts something about, and serves the views (DESIGN §1, §5).
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import { createInspection } from '../inspect/inspection.js';
import { EntityLedger } from '../ledger/entityLedger.js';
import type { SourceAdapter } from '../sources/adapter.js';
import type { Delivery } from '../sources/delivery.js';
import { SOURCE_ADAPTERS } from '../sources/registry.js';
import { adaptDelivery } from './adaptDelivery.js';
import { ChangeFeed } from './changeFeed.js';
import { CheckpointTracker } from './checkpoints.js';
import { InMemoryDeadLetters } from './deadLetter.js';
import { ENGINE_SNAPSHOT_VERSION, type Engine, type EngineOptions, type EntityHistory } from './engineTypes.js';
import { attachStorePort, type FloorSteps } from './storePort.js';
import { EntityLedgers } from './entityLedgers.js';
import { ENTITY_RULES, reconciliationOf } from './entityMachines.js';
import { entitiesIn, lastEventTimeOf, sourceOf } from './entityViews.js';
import type { FinishedEntity } from './finished.js';
import { LiveDocument } from './liveDocument.js';
import { combinedStatus, type IngestOutcome } from './outcome.js';
import { MemoryRetention, retentionPeriod } from './memoryRetention.js';
import { queryViews } from './viewQuery.js';
import { countDelivery, emptyDeliveryStats } from './stats.js';
import { EngineKpis } from '../kpi/engineKpis.js';

export type { Engine, EngineOptions, EngineStats } from './engineTypes.js';

const MINUTE = 60_000;

/** The periods an engine works with, its defaults filled in (a durable engine needs them too). */
export function enginePeriods(options: Pick<EngineOptions, 'horizonMs' | 'dedupeWindowMs' | 'maxFutureSkewMs' | 'retentionMs'>) {
  const horizonMs = options.horizonMs ?? 15 * MINUTE;
  const dedupeWindowMs = options.dedupeWindowMs ?? 24 * 60 * MINUTE;
  return {
    horizonMs,
    dedupeWindowMs,
    maxFutureSkewMs: options.maxFutureSkewMs ?? 5 * MINUTE,
    retentionMs: retentionPeriod(options.retentionMs, { horizonMs, dedupeWindowMs }),
  };
}

export function createEngine(options: EngineOptions = {}): Engine {
  if (options.snapshot && options.snapshot.version !== ENGINE_SNAPSHOT_VERSION) {
    throw new Error(`engine snapshot version ${String(options.snapshot.version)} cannot be restored by this contactstate (version ${ENGINE_SNAPSHOT_VERSION}): refold the deliveries instead`);
  }
  const { horizonMs, dedupeWindowMs, maxFutureSkewMs, retentionMs } = enginePeriods(options);
  const adapters: Partial<Record<SourceId, SourceAdapter>> = { ...SOURCE_ADAPTERS, ...options.sources };
  // parseDelivery defaults what is left undefined.
  const limits = { maxBodyBytes: options.maxBodyBytes, maxNesting: options.maxNesting };
  const adapt = (delivery: Delivery) => adaptDelivery(delivery, adapters, limits);
  const checkpoints = options.checkpoints && new CheckpointTracker(options.checkpoints.restored);
  const ledgers = new EntityLedgers(
    {
      horizonMs,
      dedupeWindowMs,
      maxFutureSkewMs,
      ...(options.inspect ? { inspection: createInspection(options.inspect, { personalData: options.inspectPersonalData ?? 'masked' }) } : {}),
      ...(checkpoints && options.checkpoints?.restored ? { restored: (ledger: EntityLedger) => checkpoints.restoredLedger(ledger) } : {}),
    },
    options.snapshot,
    options.checkpoints?.rows,
  );
  const retention = new MemoryRetention(retentionMs, ledgers, options.snapshot?.tombstones);
  const feed = new ChangeFeed();
  const inMemoryDeadLetters = new InMemoryDeadLetters();
  const deadLetters = options.deadLetters ?? inMemoryDeadLetters;
  const stats = options.snapshot ? structuredClone(options.snapshot.stats) : emptyDeliveryStats();

  const live = new LiveDocument((kind, id) => sourceOf(ledgers, kind, id), feed, entitiesIn(ledgers));
  const kpis = options.kpis && new EngineKpis(options.kpis, ledgers, retentionMs, feed, options.snapshot?.kpis);
  const withKpis = <T>(read: (kpis: EngineKpis) => T): T => {
    if (!kpis) throw new Error('queue KPIs and agent timelines: create the engine with the `kpis` option');
    return read(kpis);
  };

  /** After a delivery's events were placed: their views (and KPIs) are told what changed. */
  function touchChanged(events: readonly CanonicalEvent[], entities: IngestOutcome['entities']): void {
    for (let index = 0; index < events.length; index++) {
      const { entity, status } = entities[index]!;
      if (status !== 'applied' && status !== 'reordered') continue;
      live.touch(entity, status === 'reordered');
      kpis?.placed(events[index]!, status === 'reordered');
    }
    live.settle();
    kpis?.settle();
  }

  const engine: Engine = {
    ingest(delivery) {
      const { source, result } = adapt(delivery);
      if (result.kind !== 'events') {
        const outcome: IngestOutcome =
          result.kind === 'rejected'
            ? { status: 'rejected', source, reason: result.reason, issues: result.issues, entities: [] }
            : { status: 'ignored', source, reason: result.reason, ...(result.eventId ? { eventId: result.eventId } : {}), entities: [] };
        countDelivery(stats, source, outcome.status);
        if (outcome.status === 'rejected') deadLetters.keep({ delivery, outcome });
        return outcome;
      }
      const { events } = result;
      // One entry per event, the outcome's own, read by every step below: no other array per delivery.
      const entities: IngestOutcome['entities'] = [];
      let expired: string | undefined;
      for (const event of events) {
        const afterExpiry = retention.arrivedAfterExpiry(event);
        if (afterExpiry) expired ??= afterExpiry;
        entities.push({ entity: event.entity, status: afterExpiry ? 'late' : ledgers.ledgerFor(event.entity).ingest(event) });
      }
      const skewed = advanceClock(events, entities, delivery.receivedAt);
      // An event that came after its entity's expiry made no ledger, and settles none.
      for (const { entity } of entities) {
        const ledger = ledgers.get(entity.kind, entity.id);
        if (ledger) ledgers.settle(ledger);
      }
      const due = ledgers.sweepIfDue();
      if (due) for (const finished of retention.sweep(due)) leftMemory(finished);
      touchChanged(events, entities);
      const status = entities.length ? combinedStatus(entities) : 'ignored';
      countDelivery(stats, source, status);
      if (skewed) stats.skewed++;
      // Assigned field by field, in the order the fields read, rather than spread from one
      // throwaway object per optional field.
      const outcome: IngestOutcome = { status, source } as IngestOutcome;
      if (result.events[0]) outcome.eventId = result.events[0].id;
      else outcome.reason = `${source}: the delivery asserts nothing`;
      if (skewed) outcome.skewed = skewed;
      if (expired || skewed) outcome.reason = [expired, skewed ? skewReason(skewed, maxFutureSkewMs) : undefined].filter(Boolean).join('; ');
      outcome.entities = entities;
      if (status === 'late') deadLetters.keep({ delivery, outcome });
      return outcome;
    },

    deadLetters: () => inMemoryDeadLetters.list(),

    agent: (id) => live.agent(id),
    task: (id) => live.task(id),
    agents: (query) => (query ? queryViews(live.agents(), query, (id) => lastEventTimeOf(ledgers, 'agent', id)) : live.agents()),
    tasks: (query) => (query ? queryViews(live.tasks(), query, (id) => lastEventTimeOf(ledgers, 'task', id)) : live.tasks()),
    state: () => live.state(),
    subscribe: (listener) => feed.subscribe(listener),
    subscribePatches: (listener) => live.subscribe(listener),

    reconcile(entity, authority, asOf, reason = '') {
      const reconciliation = reconciliationOf(entity, { authority, asOf, reason });
      retention.reconciling(entity, asOf);
      const ledger = ledgers.ledgerFor(entity);
      ledger.reconcile(reconciliation);
      ledgers.settle(ledger);
      publishCorrection(entity);
    },

    inspectEntities(observer) {
      for (const ledger of ledgers.all()) ledger.fold.inspector?.announce(observer, ledger.current);
    },

    needingReconciliation() {
      const found: { entity: EntityRef; gaps: number; late: number }[] = [];
      for (const ledger of ledgers.all()) {
        const gaps = ledger.gapCount;
        if (gaps > 0 || ledger.needsReconciliation) found.push({ entity: ledger.entity, gaps, late: ledger.late.length });
      }
      return [...found, ...retention.needingReconciliation()];
    },

    stats() {
      const needing = engine.needingReconciliation();
      return {
        ...structuredClone(stats),
        agents: ledgers.agentIds().length,
        tasks: ledgers.count('task'),
        entitiesWithGaps: needing.filter((entry) => entry.gaps > 0).length,
        needingReconciliation: needing.filter((entry) => entry.late > 0).length,
      };
    },

    snapshot() {
      return { version: ENGINE_SNAPSHOT_VERSION, stats: structuredClone(stats), ...ledgers.toSnapshot(), tombstones: retention.toJSON(), ...(kpis ? { kpis: kpis.toJSON() } : {}) };
    },

    queues: (query) => withKpis((kpis) => kpis.queues(query)),
    queue: (queueId, query) => withKpis((kpis) => kpis.queue(queueId, query)),
    agentTimeline: (agentId, query) => withKpis((kpis) => kpis.agentTimeline(agentId, query)),
    agentTimelinesKeptFrom: () => withKpis((kpis) => kpis.timelinesKeptFrom()),
    agentTimelineFrom: (agentId, history, query) => withKpis((kpis) => kpis.agentTimelineFrom(agentId, folded({ kind: 'agent', id: agentId }, history).timeline, query)),
  };

  attachStorePort(engine, {
    rebuildEntity(entity, history) {
      retention.cameBack(entity);
      const ledger = ledgers.ledgerFor(entity);
      refold(ledger, history);
      ledgers.settle(ledger);
      publishCorrection(entity);
    },

    eventsOf,

    foldFloor(entity, steps) {
      const ledger = new EntityLedger(entity, ENTITY_RULES[entity.kind]);
      rebuildOn(ledger, steps);
      const newest = ledger.newestTime;
      if (newest !== undefined) ledger.compact(newest - horizonMs, newest - dedupeWindowMs);
      return ledger.toSnapshot();
    },

    checkpoint() {
      if (!checkpoints) throw new Error('checkpoint(): create the engine with the `checkpoints` option');
      const meta = { version: ENGINE_SNAPSHOT_VERSION, stats: structuredClone(stats), clocks: ledgers.clocks.toJSON(), ...(kpis ? { kpis: kpis.checkpointMeta() } : {}) };
      return checkpoints.take(meta, ledgers.loaded());
    },

    checkpointWritten({ serial, full }) {
      checkpoints?.confirm(serial, full);
    },
  });

  /**
   * Offers the delivery's newest placed event time to its source's clock (DESIGN §4.8): not a
   * conflict, duplicate or late event, nor one stamped more than `maxFutureSkewMs` ahead of its
   * receive time. Returns how far ahead the most skewed event was (0 when none was).
   */
  function advanceClock(events: readonly CanonicalEvent[], entities: IngestOutcome['entities'], receivedAt: number | undefined): number {
    let newest: number | undefined;
    let skewed = 0;
    for (let index = 0; index < events.length; index++) {
      const { time } = events[index]!;
      const { status } = entities[index]!;
      if (ledgers.clocks.isSkewed(time, receivedAt)) skewed = Math.max(skewed, time - receivedAt!);
      else if ((status === 'applied' || status === 'reordered') && (newest === undefined || time > newest)) newest = time;
    }
    if (newest !== undefined) ledgers.clocks.advance(events[0]!.source, newest);
    return skewed;
  }

  /** A ledger apart from memory, folded from an entity's history in a store. */
  function folded(entity: EntityRef, history: EntityHistory): EntityLedger {
    const ledger = new EntityLedger(entity, ENTITY_RULES[entity.kind]);
    refold(ledger, history);
    return ledger;
  }

  function eventsOf(delivery: Delivery): CanonicalEvent[] {
    const { result } = adapt(delivery);
    return result.kind === 'events' ? result.events : [];
  }

  /** Refolds a ledger through an entity's history in a store: its floor, then its deliveries (their events of it) and reconciles. */
  function refold(ledger: EntityLedger, { floor, deliveries, reconciles }: EntityHistory): void {
    const { kind, id } = ledger.entity;
    const events = deliveries.flatMap(eventsOf).filter(({ entity }) => entity.kind === kind && entity.id === id);
    rebuildOn(ledger, { ...(floor ? { floor } : {}), events, reconciles });
  }

  /** Refolds a ledger from a floor (and the events it holds), then the entity's events and reconciles. */
  function rebuildOn(ledger: EntityLedger, { floor, events, reconciles }: FloorSteps): void {
    // First arrival wins for an id, as in `ingest` (the ledger's sort by key could pick another).
    const byId = new Map<string, CanonicalEvent>((floor?.entries ?? []).map((event) => [event.id, event]));
    for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
    ledger.rebuild([...byId.values()], reconciles.map((reconcile) => reconciliationOf(ledger.entity, reconcile)), floor);
  }

  /** An entity left memory (retention): its view leaves the document; a durable store keeps it. */
  function leftMemory(finished: FinishedEntity): void {
    live.touch({ kind: finished.kind, id: finished.id }, false);
    checkpoints?.leftMemory(finished);
    kpis?.leftMemory(finished);
  }

  /** A view revised other than by an in-order event (reconcile, rebuild): a correction to subscribers. */
  function publishCorrection(entity: EntityRef): void {
    live.touch(entity, true);
    live.settle();
    kpis?.corrected(entity);
    kpis?.settle();
  }

  return engine;
}

const skewReason = (aheadMs: number, maxFutureSkewMs: number): string =>
  `event time ${aheadMs} ms ahead of its receive time (more than ${maxFutureSkewMs} ms): folded into its entity, its source's clock not moved`;
