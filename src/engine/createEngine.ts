// The engine: routes each delivery through its source adapter to the ledgers of the entities it
// asserts something about, and serves the views (DESIGN §1, §5).
import type { InspectionEvent } from 'xstate';
import { initialAgentContext } from '../../machines/agent.context.js';
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import { CHANNEL_TYPES, type ChannelType } from '../events/states.js';
import { EntityLedger, type LedgerOutcome, type LedgerSnapshot } from '../ledger/entityLedger.js';
import type { AdapterResult, SourceAdapter } from '../sources/adapter.js';
import { DEFAULT_MAX_BODY_BYTES, type Delivery, parseDelivery } from '../sources/delivery.js';
import { recognize, SOURCE_ADAPTERS } from '../sources/registry.js';
import { type AgentView, agentView } from '../views/agentView.js';
import { type TaskView, taskView } from '../views/taskView.js';
import { type ChangeListener, ChangeFeed } from './changeFeed.js';
import { type AuthoritativeState, authoritativeSnapshot, ENTITY_MACHINES } from './entityMachines.js';
import { type DeadLetter, type DeadLetterSink, InMemoryDeadLetters } from './deadLetter.js';
import { combinedStatus, type IngestOutcome } from './outcome.js';
import { countDelivery, type DeliveryStats, emptyDeliveryStats } from './stats.js';

export interface EngineOptions {
  /** Events older than the newest event time minus this are compacted (default 15 min). */
  horizonMs?: number;
  /** How long ids of compacted events are remembered to recognise redeliveries (default 24 h). */
  dedupeWindowMs?: number;
  maxBodyBytes?: number;
  /** Replaces or adds source adapters (e.g. Telax with a custom availability map). */
  sources?: Partial<Record<SourceId, SourceAdapter>>;
  /** Handed to every XState actor, e.g. the Stately inspector's `inspect`. */
  inspect?: (event: InspectionEvent) => void;
  /** Where rejected and late deliveries are kept (default: the last 10 000 in memory). */
  deadLetters?: DeadLetterSink;
  /** Restores an engine from `engine.snapshot()`. */
  snapshot?: EngineSnapshot;
}

export interface EngineSnapshot {
  version: 1;
  watermark: number;
  /** When the last compaction sweep ran: restored, so a restored engine compacts when the original would. */
  sweptAt: number;
  stats: DeliveryStats;
  ledgers: LedgerSnapshot[];
}

export interface EngineStats extends DeliveryStats {
  agents: number;
  tasks: number;
  /** Entities whose fold skipped states. */
  entitiesWithGaps: number;
  /** Entities that received an event older than their compacted base. */
  needingReconciliation: number;
}

export interface Engine {
  ingest(delivery: Delivery): IngestOutcome;
  agent(id: string): AgentView | undefined;
  task(id: string): TaskView | undefined;
  agents(): AgentView[];
  tasks(): TaskView[];
  subscribe(listener: ChangeListener): () => void;
  reconcile(entity: EntityRef, authority: AuthoritativeState, asOf: number): void;
  /** Entities to reconcile: those with gaps in their fold or late events past their base. */
  needingReconciliation(): { entity: EntityRef; gaps: number; late: number }[];
  stats(): EngineStats;
  snapshot(): EngineSnapshot;
  /** The in-memory dead-letter (empty when a `deadLetters` sink was given). */
  deadLetters(): readonly DeadLetter[];
  /**
   * Refolds one entity from its full history, given as the deliveries that asserted something
   * about it in arrival order (a durable store's log). This is how a store places an event older
   * than the compacted base exactly (DESIGN §4.4); subscribers see the result as a correction.
   */
  rebuildEntity(entity: EntityRef, history: Delivery[]): void;
}

const MINUTE = 60_000;

export function createEngine(options: EngineOptions = {}): Engine {
  const horizonMs = options.horizonMs ?? 15 * MINUTE;
  const dedupeWindowMs = options.dedupeWindowMs ?? 24 * 60 * MINUTE;
  const adapters: Partial<Record<SourceId, SourceAdapter>> = { ...SOURCE_ADAPTERS, ...options.sources };
  const ledgerOptions = options.inspect ? { inspect: options.inspect } : {};
  const ledgers: Record<EntityRef['kind'], Map<string, EntityLedger>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  const feed = new ChangeFeed();
  const inMemoryDeadLetters = new InMemoryDeadLetters();
  const deadLetters = options.deadLetters ?? inMemoryDeadLetters;
  let stats = emptyDeliveryStats();
  /** The newest event time seen: the clock that compaction runs on. */
  let watermark = Number.NEGATIVE_INFINITY;
  let sweptAt = Number.NEGATIVE_INFINITY;

  if (options.snapshot) {
    watermark = options.snapshot.watermark;
    sweptAt = options.snapshot.sweptAt;
    stats = structuredClone(options.snapshot.stats);
    for (const saved of options.snapshot.ledgers) {
      const ledger = EntityLedger.fromSnapshot(saved, ENTITY_MACHINES[saved.entity.kind], ledgerOptions);
      ledgers[saved.entity.kind].set(saved.entity.id, ledger);
    }
  }

  function ledgerFor(entity: EntityRef): EntityLedger {
    const byId = ledgers[entity.kind];
    let ledger = byId.get(entity.id);
    if (!ledger) {
      ledger = new EntityLedger(entity, ENTITY_MACHINES[entity.kind], ledgerOptions);
      byId.set(entity.id, ledger);
    }
    return ledger;
  }

  function adapt(delivery: Delivery): { source: SourceId | null; result: AdapterResult } {
    const parsed = parseDelivery(delivery, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    const named = delivery.source && delivery.source !== 'auto' ? delivery.source : null;
    if (!parsed.ok) return { source: named, result: { kind: 'rejected', reason: parsed.reason, issues: parsed.issues } };
    const adapter = named ? adapters[named] : recognize(parsed.delivery, adapters);
    if (!adapter) {
      const reason = named ? `unknown source "${named}"` : 'no source recognises this payload';
      return { source: named, result: { kind: 'rejected', reason, issues: [{ path: [], message: reason, code: 'custom' }] } };
    }
    try {
      return { source: adapter.id, result: adapter.toEvents(parsed.delivery) };
    } catch (error) {
      // An adapter that throws has a bug; the delivery is still answered and kept, never lost.
      const reason = `${adapter.id}: internal error while mapping (${(error as Error).message})`;
      return { source: adapter.id, result: { kind: 'rejected', reason, issues: [{ path: [], message: reason, code: 'custom' }] } };
    }
  }

  function compact(ledger: EntityLedger): void {
    const oldest = ledger.oldestTime;
    if (oldest !== undefined && oldest < watermark - horizonMs) ledger.compact(watermark - horizonMs, watermark - dedupeWindowMs);
  }

  /** Quiet entities (closed tasks) get no events to trigger their compaction: sweep them as time moves. */
  function sweepIfDue(): void {
    if (watermark - sweptAt < horizonMs / 4) return;
    sweptAt = watermark;
    for (const byId of Object.values(ledgers)) {
      for (const ledger of byId.values()) ledger.compact(watermark - horizonMs, watermark - dedupeWindowMs);
    }
  }

  function publishChanges(events: CanonicalEvent[], statuses: LedgerOutcome[]): void {
    const touched = new Map<string, { kind: 'agent' | 'task'; id: string; outOfOrder: boolean }>();
    events.forEach((event, index) => {
      const status = statuses[index];
      if (status !== 'applied' && status !== 'reordered') return;
      const target =
        event.entity.kind === 'task'
          ? { kind: 'task' as const, id: event.entity.id }
          : { kind: 'agent' as const, id: agentIdOf(event.entity) };
      const key = `${target.kind}:${target.id}`;
      const outOfOrder = status === 'reordered' || touched.get(key)?.outOfOrder === true;
      touched.set(key, { ...target, outOfOrder });
    });
    for (const { kind, id, outOfOrder } of touched.values()) {
      if (kind === 'task') feed.publish({ kind, id, view: engine.task(id)!, outOfOrder });
      else feed.publish({ kind, id, view: engine.agent(id)!, outOfOrder });
    }
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
      const statuses = result.events.map((event) => {
        const ledger = ledgerFor(event.entity);
        const status = ledger.ingest(event);
        if (event.time > watermark) watermark = event.time;
        compact(ledger);
        return status;
      });
      sweepIfDue();
      if (feed.active) publishChanges(result.events, statuses);
      const status = statuses.length ? combinedStatus(statuses) : 'ignored';
      countDelivery(stats, source, status);
      const outcome: IngestOutcome = {
        status,
        source,
        ...(result.events[0] ? { eventId: result.events[0].id } : { reason: `${source}: the delivery asserts nothing` }),
        entities: result.events.map((event, index) => ({ entity: event.entity, status: statuses[index]! })),
      };
      if (status === 'late') deadLetters.keep({ delivery, outcome });
      return outcome;
    },

    deadLetters: () => inMemoryDeadLetters.list(),

    agent(id) {
      const agent = ledgers.agent.get(id);
      const channels: Partial<Record<ChannelType, EntityLedger['current']>> = {};
      for (const type of CHANNEL_TYPES) {
        const channel = ledgers.channel.get(`${id}/${type}`);
        if (channel) channels[type] = channel.current;
      }
      if (!agent && Object.keys(channels).length === 0) return undefined;
      return agentView(id, agent?.current ?? { value: 'loggedOut', context: initialAgentContext(id) }, channels);
    },

    task(id) {
      const task = ledgers.task.get(id);
      return task ? taskView(id, task.current) : undefined;
    },

    agents() {
      return agentIds()
        .sort()
        .map((id) => engine.agent(id)!);
    },

    tasks() {
      return [...ledgers.task.keys()].sort().map((id) => engine.task(id)!);
    },

    subscribe: (listener) => feed.subscribe(listener),

    reconcile(entity, authority, asOf) {
      if (authority.kind !== entity.kind) throw new Error(`reconcile: a ${authority.kind} state for a ${entity.kind}`);
      ledgerFor(entity).reconcile(authoritativeSnapshot(entity.id, authority, asOf), asOf);
      publishCorrection(entity);
    },

    rebuildEntity(entity, history) {
      // First arrival wins for an id, as in `ingest` (the ledger's sort by key could pick another).
      const byId = new Map<string, CanonicalEvent>();
      for (const delivery of history) {
        const { result } = adapt(delivery);
        if (result.kind !== 'events') continue;
        for (const event of result.events) {
          if (event.entity.kind === entity.kind && event.entity.id === entity.id && !byId.has(event.id)) byId.set(event.id, event);
        }
      }
      const ledger = ledgerFor(entity);
      ledger.rebuild([...byId.values()]);
      compact(ledger);
      publishCorrection(entity);
    },

    needingReconciliation() {
      const found: { entity: EntityRef; gaps: number; late: number }[] = [];
      for (const byId of Object.values(ledgers)) {
        for (const ledger of byId.values()) {
          const gaps = (ledger.current.context as { gapCount: number }).gapCount;
          if (gaps > 0 || ledger.needsReconciliation) found.push({ entity: ledger.entity, gaps, late: ledger.late.length });
        }
      }
      return found;
    },

    stats() {
      const needing = engine.needingReconciliation();
      return {
        ...structuredClone(stats),
        agents: agentIds().length,
        tasks: ledgers.task.size,
        entitiesWithGaps: needing.filter((entry) => entry.gaps > 0).length,
        needingReconciliation: needing.filter((entry) => entry.late > 0).length,
      };
    },

    snapshot() {
      return {
        version: 1,
        watermark,
        sweptAt,
        stats: structuredClone(stats),
        ledgers: Object.values(ledgers).flatMap((byId) => [...byId.values()].map((ledger) => ledger.toSnapshot())),
      };
    },
  };

  /** A view revised other than by an in-order event (reconcile, rebuild): a correction to subscribers. */
  function publishCorrection(entity: EntityRef): void {
    if (!feed.active) return;
    if (entity.kind === 'task') feed.publish({ kind: 'task', id: entity.id, view: engine.task(entity.id)!, outOfOrder: true });
    else feed.publish({ kind: 'agent', id: agentIdOf(entity), view: engine.agent(agentIdOf(entity))!, outOfOrder: true });
  }

  function agentIds(): string[] {
    const ids = new Set(ledgers.agent.keys());
    for (const channel of ledgers.channel.values()) ids.add(agentIdOf(channel.entity));
    return [...ids];
  }

  return engine;
}

/** The agent a channel belongs to: channel ids are `${agentId}/${channelType}`. */
function agentIdOf(entity: EntityRef): string {
  return entity.kind === 'channel' ? entity.id.slice(0, entity.id.lastIndexOf('/')) : entity.id;
}
