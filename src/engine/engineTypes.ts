// The engine's public types: its options, its snapshot and its API (DESIGN §5).
import type { InspectionEvent, Observer } from 'xstate';
import type { EntityRef, SourceId } from '../events/canonical.js';
import type { InspectOption } from '../inspect/inspection.js';
import type { PersonalData } from '../inspect/personalData.js';
import type { SourceAdapter } from '../sources/adapter.js';
import type { Delivery } from '../sources/delivery.js';
import type { AgentView } from '../views/agentView.js';
import type { TaskView } from '../views/taskView.js';
import type { StateDocument } from '../views/stateDocument.js';
import type { ChangeListener } from './changeFeed.js';
import type { DeadLetter, DeadLetterSink } from './deadLetter.js';
import type { Tombstone } from './finished.js';
import type { HeldTombstone } from './memoryRetention.js';
import type { LedgerRow, LedgersSnapshot } from './entityLedgers.js';
import type { AuthoritativeState, EngineReconcile } from './entityMachines.js';
import type { PatchListener } from './liveDocument.js';
import type { AgentQuery, TaskQuery } from './viewQuery.js';
import type { LedgerSnapshot } from '../ledger/entityLedger.js';
import type { IngestOutcome } from './outcome.js';
import type { DeliveryStats } from './stats.js';
import type { AgentTimeline, AgentTimelineQuery, KpiOptions, QueueKpis, QueueQuery, QueuesQuery } from '../kpi/kpiTypes.js';
import type { KpiSnapshot } from '../kpi/engineKpis.js';

export interface EngineOptions {
  /** Events older than the newest event time minus this are compacted (default 15 min). */
  horizonMs?: number;
  /** How long ids of compacted events are remembered to recognise redeliveries (default 24 h). */
  dedupeWindowMs?: number;
  /**
   * An event stamped more than this ahead of its receive time (`Delivery.receivedAt`) does not
   * move its source's clock, and a step of the clock larger than this waits for the next delivery
   * to confirm it (default 5 min; DESIGN §4.8).
   */
  maxFutureSkewMs?: number;
  /**
   * A finished task (closed, or ended with nobody on it) leaves memory once its source's clock is
   * this far past its last event (default 24 h; never shorter than the dedupe window and the
   * horizon). See src/engine/memoryRetention.ts.
   */
  retentionMs?: number;
  maxBodyBytes?: number;
  /** Bodies nesting objects or arrays deeper than this are rejected unread (default 64). */
  maxNesting?: number;
  /** Replaces or adds source adapters (e.g. Telax with a custom availability map). */
  sources?: Partial<Record<SourceId, SourceAdapter>>;
  /**
   * Sees every entity as an actor of its machine: what XState's `createActor` takes as `inspect`, a
   * function or an Observer (the Stately inspector's `inspector.inspect`); see src/inspect/.
   */
  inspect?: InspectOption;
  /** Personal data in what `inspect` sees: masked by default (src/inspect/personalData.ts). */
  inspectPersonalData?: PersonalData;
  /** Where rejected and late deliveries are kept (default: the last 10 000 in memory). */
  deadLetters?: DeadLetterSink;
  /** Restores an engine from `engine.snapshot()`. */
  snapshot?: EngineSnapshot;
  /**
   * Keep track of what changed between checkpoints, for the store port's `checkpoint()` (storePort.ts).
   * `restored`: the snapshot given is the store's own checkpoint, so its ledgers are written already;
   * `rows`: that checkpoint's ledger rows, each read into its ledger when first touched.
   */
  checkpoints?: { restored: boolean; rows?: Iterable<LedgerRow> };
  /** Keep queue KPIs and agent timelines (src/kpi/, docs/kpis.md); off when not given. */
  kpis?: KpiOptions;
}

/**
 * Bumped whenever a snapshot's meaning changes (2: event fingerprints walk the event instead of
 * hashing its JSON; 3: source clocks wait for a second delivery to confirm a step; 4: reconciles
 * are steps of a ledger's timeline). An engine refuses a snapshot of another version: its dedupe
 * fingerprints would turn redeliveries into conflicts. A durable store refolds its log instead.
 */
export const ENGINE_SNAPSHOT_VERSION = 4;

export interface EngineSnapshot extends LedgersSnapshot {
  version: typeof ENGINE_SNAPSHOT_VERSION;
  stats: DeliveryStats;
  /** The tasks that left memory (retention) and are still remembered; none before retention existed. */
  tombstones?: (Tombstone | HeldTombstone)[];
  /** Queue KPI sums and agent timelines (an engine with the `kpis` option). */
  kpis?: KpiSnapshot;
}

export interface EngineStats extends DeliveryStats {
  agents: number;
  tasks: number;
  /** Entities whose fold skipped states. */
  entitiesWithGaps: number;
  /** Entities that received an event older than their compacted base. */
  needingReconciliation: number;
}

/** One entity's history in a durable log. */
export interface EntityHistory {
  /** Its state folded from the deliveries a prune removed, if any was. */
  floor?: LedgerSnapshot;
  /** The deliveries that asserted something about it, in log order. */
  deliveries: Delivery[];
  /** The operators' reconciles of it, in log order. */
  reconciles: EngineReconcile[];
}

export interface Engine {
  ingest(delivery: Delivery): IngestOutcome;
  agent(id: string): AgentView | undefined;
  task(id: string): TaskView | undefined;
  /**
   * The agents in memory, in id order; with a query, those in a state, with an event since a time,
   * a page at a time (`limit`, and `after` the last id of the page before). See viewQuery.ts.
   */
  agents(query?: AgentQuery): AgentView[];
  /** The tasks in memory (live, and finished ones within retention), in id order; a query as for `agents`. */
  tasks(query?: TaskQuery): TaskView[];
  subscribe(listener: ChangeListener): () => void;
  /**
   * The state document: every current view, deep-frozen, and its revision. The same object until
   * the next change; O(1) while nothing changed, else the changed views are put in first.
   */
  state(): StateDocument;
  /**
   * Each new revision of the document as immer patches (one per delivery that changed anything,
   * or per reconcile or rebuild), starting after the document `state()` returns now.
   */
  subscribePatches(listener: PatchListener): () => void;
  /**
   * Places what a vendor API says the entity is as of `asOf` among its events (DESIGN §4.10):
   * events before it are absorbed, events after it refolded on top. Throws
   * `ReconcileRefusedError` when `asOf` lies before the entity's compacted base, whose events this
   * engine no longer holds (behind a store, use `DurableEngine.reconcile`, which logs it and
   * refolds the entity from its log).
   */
  reconcile(entity: EntityRef, authority: AuthoritativeState, asOf: number, reason?: string): void;
  /** Entities to reconcile: those with gaps in their fold or late events past their base. */
  needingReconciliation(): { entity: EntityRef; gaps: number; late: number }[];
  stats(): EngineStats;
  snapshot(): EngineSnapshot;
  /** The in-memory dead-letter (empty when a `deadLetters` sink was given). */
  deadLetters(): readonly DeadLetter[];
  /**
   * Introduces every entity in memory, as it is now, to `observer` (an inspector that connects
   * late): each as an actor, then its current snapshot. Nothing when the engine has no `inspect`.
   */
  inspectEntities(observer: Observer<InspectionEvent>): void;
  /** Each queue's KPIs, in queue id order (with the `kpis` option; docs/kpis.md). */
  queues(query?: QueuesQuery): QueueKpis[];
  /** One queue's KPIs, with its 15-minute intervals when asked; undefined for a queue never seen. */
  queue(queueId: string, query?: QueueQuery): QueueKpis | undefined;
  /** An agent's states as intervals over [from, to), and its totals per day (with the `kpis` option). */
  agentTimeline(agentId: string, query: AgentTimelineQuery): AgentTimeline;
  /** As `agentTimeline`, from the agent's history in a store, refolded (for a range older than memory holds: `agentTimelineBehind`). */
  agentTimelineFrom(agentId: string, history: EntityHistory, query: AgentTimelineQuery): AgentTimeline;
  /** The start of the oldest day whose agent timelines memory keeps (`keepDays`); null while it keeps them all. */
  agentTimelinesKeptFrom(): number | null;
}
