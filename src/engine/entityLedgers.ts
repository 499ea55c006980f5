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

export interface EntityLedgersOptions {
  horizonMs: number;
  dedupeWindowMs: number;
  maxFutureSkewMs: number;
  inspection?: Inspection;
}

export class EntityLedgers {
  private readonly byKind: Record<EntityRef['kind'], Map<string, EntityLedger>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  readonly clocks: SourceClocks;
  /** Ledgers holding entries (not only a base): the ones a sweep may have to compact. */
  private readonly active = new Set<EntityLedger>();
  private readonly ledgerOptions;

  constructor(
    private readonly options: EntityLedgersOptions,
    snapshot?: LedgersSnapshot,
  ) {
    this.ledgerOptions = options.inspection ? { inspection: options.inspection } : {};
    this.clocks = new SourceClocks(options.maxFutureSkewMs, snapshot?.clocks);
    if (!snapshot) return;
    for (const saved of snapshot.ledgers) {
      const ledger = EntityLedger.fromSnapshot(saved, ENTITY_RULES[saved.entity.kind], this.ledgerOptions);
      this.byKind[saved.entity.kind].set(saved.entity.id, ledger);
      if (ledger.size > 0) this.active.add(ledger);
    }
  }

  get(kind: EntityRef['kind'], id: string): EntityLedger | undefined {
    return this.byKind[kind].get(id);
  }

  ledgerFor(entity: EntityRef): EntityLedger {
    const byId = this.byKind[entity.kind];
    let ledger = byId.get(entity.id);
    if (!ledger) {
      ledger = new EntityLedger(entity, ENTITY_RULES[entity.kind], this.ledgerOptions);
      byId.set(entity.id, ledger);
    }
    return ledger;
  }

  /** Takes a ledger out of memory (its entity left: retention). */
  remove(ledger: EntityLedger): void {
    this.byKind[ledger.entity.kind].delete(ledger.entity.id);
    this.active.delete(ledger);
  }

  ids(kind: EntityRef['kind']): IterableIterator<string> {
    return this.byKind[kind].keys();
  }

  count(kind: EntityRef['kind']): number {
    return this.byKind[kind].size;
  }

  /** Agents known from their own events or from their channels'. */
  agentIds(): string[] {
    const ids = new Set(this.byKind.agent.keys());
    for (const channel of this.byKind.channel.values()) ids.add(agentIdOf(channel.entity));
    return [...ids];
  }

  *all(): IterableIterator<EntityLedger> {
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
    if (compactDue) for (const ledger of this.active) if (compactDue.has(ledger.source!)) this.compact(ledger, true);
    if (expireDue) for (const ledger of this.all()) if (ledger.source && expireDue.has(ledger.source)) this.compact(ledger, true);
    return expireDue;
  }

  toSnapshot(): LedgersSnapshot {
    return { clocks: this.clocks.toJSON(), ledgers: [...this.all()].map((ledger) => ledger.toSnapshot()) };
  }
}

/** The agent a channel belongs to: channel ids are `${agentId}/${channelType}`. */
export function agentIdOf(entity: EntityRef): string {
  return entity.kind === 'channel' ? entity.id.slice(0, entity.id.lastIndexOf('/')) : entity.id;
}
