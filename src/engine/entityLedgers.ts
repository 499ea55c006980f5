// Every entity's ledger, by kind and id, compacted by its source's clock (the source's newest
// trusted event time, `sourceClocks.ts`) minus the horizon. Each source keeps its own clock:
// vendors' clocks differ (and sample feeds come from different days), and one source's time
// must not compact another source's entities.
import type { EntityRef, SourceId } from '../events/canonical.js';
import type { Inspection } from '../inspect/inspection.js';
import { EntityLedger, type LedgerSnapshot } from '../ledger/entityLedger.js';
import { ENTITY_RULES } from './entityMachines.js';
import { SourceClocks, type SourceClocksSnapshot } from './sourceClocks.js';

export interface LedgersSnapshot {
  clocks: SourceClocksSnapshot;
  ledgers: LedgerSnapshot[];
}

/** A ledger's row in a store's checkpoint, decoded only when asked. */
export interface LedgerRow {
  entity: EntityRef;
  decode(): LedgerSnapshot;
}

export interface EntityLedgersOptions {
  horizonMs: number;
  dedupeWindowMs: number;
  maxFutureSkewMs: number;
  inspection?: Inspection;
  /** Told of each ledger restored from a snapshot or a row, as it is restored. */
  restored?: (ledger: EntityLedger) => void;
}

export class EntityLedgers {
  private readonly byKind: Record<EntityRef['kind'], Map<string, EntityLedger>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  readonly clocks: SourceClocks;
  /**
   * A restored store checkpoint's rows not read yet, by kind and id: a ledger is read from its row
   * when first touched (an event for it, a rebuild, a view read, a sweep), not all at open. Held
   * as the store gave them, which is smaller than the ledger: a row is one string of JSON, where
   * a ledger is a machine snapshot, its events and its dedupe window as many small objects.
   */
  private readonly unread: Record<EntityRef['kind'], Map<string, LedgerRow>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  /** Ledgers holding entries (not only a base): the ones a sweep may have to compact. */
  private readonly active = new Set<EntityLedger>();
  private readonly ledgerOptions;

  constructor(
    private readonly options: EntityLedgersOptions,
    snapshot?: LedgersSnapshot,
    rows: Iterable<LedgerRow> = [],
  ) {
    this.ledgerOptions = options.inspection ? { inspection: options.inspection } : {};
    this.clocks = new SourceClocks(options.maxFutureSkewMs, snapshot?.clocks);
    for (const saved of snapshot?.ledgers ?? []) this.restore(saved);
    for (const row of rows) this.unread[row.entity.kind].set(row.entity.id, row);
  }

  get(kind: EntityRef['kind'], id: string): EntityLedger | undefined {
    return this.byKind[kind].get(id) ?? this.read(kind, id);
  }

  /** Whether the entity has a ledger in memory (read or not). */
  has(kind: EntityRef['kind'], id: string): boolean {
    return this.byKind[kind].has(id) || this.unread[kind].has(id);
  }

  ledgerFor(entity: EntityRef): EntityLedger {
    let ledger = this.get(entity.kind, entity.id);
    if (!ledger) {
      ledger = new EntityLedger(entity, ENTITY_RULES[entity.kind], this.ledgerOptions);
      this.byKind[entity.kind].set(entity.id, ledger);
    }
    return ledger;
  }

  /** Takes a ledger out of memory (its entity left: retention). */
  remove(ledger: EntityLedger): void {
    this.byKind[ledger.entity.kind].delete(ledger.entity.id);
    this.active.delete(ledger);
  }

  *ids(kind: EntityRef['kind']): IterableIterator<string> {
    yield* this.byKind[kind].keys();
    yield* this.unread[kind].keys();
  }

  count(kind: EntityRef['kind']): number {
    return this.byKind[kind].size + this.unread[kind].size;
  }

  /** Agents known from their own events or from their channels'. */
  agentIds(): string[] {
    const ids = new Set(this.ids('agent'));
    for (const channelId of this.ids('channel')) ids.add(agentIdOf({ kind: 'channel', id: channelId }));
    return [...ids];
  }

  /** Every ledger, each row not read yet read now. */
  *all(): IterableIterator<EntityLedger> {
    this.readAll();
    for (const byId of Object.values(this.byKind)) yield* byId.values();
  }

  /** The ledgers read into memory: a row not read yet is unchanged since the store wrote it. */
  *loaded(): IterableIterator<EntityLedger> {
    for (const byId of Object.values(this.byKind)) yield* byId.values();
  }

  /** After an event was offered to `ledger` (and its delivery to the clocks): compacts that ledger. */
  settle(ledger: EntityLedger): void {
    if (ledger.size > 0) this.active.add(ledger);
    this.compact(ledger);
  }

  compact(ledger: EntityLedger, force = false): void {
    const watermark = this.clocks.watermark(ledger.source);
    if (watermark === undefined) return;
    const horizonStart = watermark - this.options.horizonMs;
    const oldest = ledger.oldestTime;
    if (force || (oldest !== undefined && oldest < horizonStart)) ledger.compact(horizonStart, watermark - this.options.dedupeWindowMs);
    if (ledger.size === 0) this.active.delete(ledger);
  }

  /**
   * Entities that went quiet get no events to trigger their compaction: as their source's time
   * moves, a sweep compacts the ledgers still holding entries (every quarter horizon) and expires
   * the dedupe ids of all of them (every eighth of the dedupe window). Most ledgers are closed
   * tasks holding only a base: visiting them every quarter horizon cost more than folding.
   * Returns the sources whose dedupe expiry was due: retention runs at the same pace.
   */
  sweepIfDue(): Set<SourceId> | undefined {
    const compactDue = this.clocks.due('sweptAt', this.options.horizonMs / 4);
    const expireDue = this.clocks.due('expiredAt', this.options.dedupeWindowMs / 8);
    // A sweep compacts every ledger of its sources that holds entries: a row not read yet may be
    // one (which source it is, and what it holds, is in the row).
    if (compactDue || expireDue) this.readAll();
    if (compactDue) for (const ledger of this.active) if (compactDue.has(ledger.source!)) this.compact(ledger, true);
    if (expireDue) for (const ledger of this.all()) if (ledger.source && expireDue.has(ledger.source)) this.compact(ledger, true);
    return expireDue;
  }

  private readAll(): void {
    for (const byId of Object.values(this.unread)) for (const row of [...byId.values()]) this.read(row.entity.kind, row.entity.id);
  }

  /** The ledger of a row not read yet, read now (undefined when there is none). */
  private read(kind: EntityRef['kind'], id: string): EntityLedger | undefined {
    const row = this.unread[kind].get(id);
    if (!row) return undefined;
    this.unread[kind].delete(id);
    return this.restore(row.decode());
  }

  private restore(saved: LedgerSnapshot): EntityLedger {
    const ledger = EntityLedger.fromSnapshot(saved, ENTITY_RULES[saved.entity.kind], this.ledgerOptions);
    this.byKind[saved.entity.kind].set(saved.entity.id, ledger);
    if (ledger.size > 0) this.active.add(ledger);
    this.options.restored?.(ledger);
    return ledger;
  }

  toSnapshot(): LedgersSnapshot {
    return { clocks: this.clocks.toJSON(), ledgers: [...this.all()].map((ledger) => ledger.toSnapshot()) };
  }
}

/** The agent a channel belongs to: channel ids are `${agentId}/${channelType}`. */
export function agentIdOf(entity: EntityRef): string {
  return entity.kind === 'channel' ? entity.id.slice(0, entity.id.lastIndexOf('/')) : entity.id;
}
