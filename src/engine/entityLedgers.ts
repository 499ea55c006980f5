// Every entity's ledger, by kind and id, and the clock that compacts them: the newest event time
// seen (the watermark) minus the horizon.
import type { InspectionEvent } from 'xstate';
import type { EntityRef } from '../events/canonical.js';
import { EntityLedger, type LedgerSnapshot } from '../ledger/entityLedger.js';
import { ENTITY_MACHINES } from './entityMachines.js';

export interface LedgersSnapshot {
  watermark: number;
  /** When the last compaction sweep ran: restored, so a restored engine compacts when the original would. */
  sweptAt: number;
  ledgers: LedgerSnapshot[];
}

export interface EntityLedgersOptions {
  horizonMs: number;
  dedupeWindowMs: number;
  inspect?: (event: InspectionEvent) => void;
}

export class EntityLedgers {
  private readonly byKind: Record<EntityRef['kind'], Map<string, EntityLedger>> = {
    agent: new Map(),
    channel: new Map(),
    task: new Map(),
  };
  private watermark = Number.NEGATIVE_INFINITY;
  private sweptAt = Number.NEGATIVE_INFINITY;
  private readonly ledgerOptions;

  constructor(
    private readonly options: EntityLedgersOptions,
    snapshot?: LedgersSnapshot,
  ) {
    this.ledgerOptions = options.inspect ? { inspect: options.inspect } : {};
    if (!snapshot) return;
    this.watermark = snapshot.watermark;
    this.sweptAt = snapshot.sweptAt;
    for (const saved of snapshot.ledgers) {
      this.byKind[saved.entity.kind].set(saved.entity.id, EntityLedger.fromSnapshot(saved, ENTITY_MACHINES[saved.entity.kind], this.ledgerOptions));
    }
  }

  get(kind: EntityRef['kind'], id: string): EntityLedger | undefined {
    return this.byKind[kind].get(id);
  }

  ledgerFor(entity: EntityRef): EntityLedger {
    const byId = this.byKind[entity.kind];
    let ledger = byId.get(entity.id);
    if (!ledger) {
      ledger = new EntityLedger(entity, ENTITY_MACHINES[entity.kind], this.ledgerOptions);
      byId.set(entity.id, ledger);
    }
    return ledger;
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

  /** Advances the clock past an event just folded into `ledger`, and compacts that ledger. */
  observe(ledger: EntityLedger, eventTime: number): void {
    if (eventTime > this.watermark) this.watermark = eventTime;
    this.compact(ledger);
  }

  compact(ledger: EntityLedger): void {
    const horizonStart = this.watermark - this.options.horizonMs;
    const oldest = ledger.oldestTime;
    if (oldest !== undefined && oldest < horizonStart) ledger.compact(horizonStart, this.watermark - this.options.dedupeWindowMs);
  }

  /** Quiet entities (closed tasks) get no events to trigger their compaction: sweep them as time moves. */
  sweepIfDue(): void {
    if (this.watermark - this.sweptAt < this.options.horizonMs / 4) return;
    this.sweptAt = this.watermark;
    for (const ledger of this.all()) ledger.compact(this.watermark - this.options.horizonMs, this.watermark - this.options.dedupeWindowMs);
  }

  toSnapshot(): LedgersSnapshot {
    return { watermark: this.watermark, sweptAt: this.sweptAt, ledgers: [...this.all()].map((ledger) => ledger.toSnapshot()) };
  }
}

/** The agent a channel belongs to: channel ids are `${agentId}/${channelType}`. */
export function agentIdOf(entity: EntityRef): string {
  return entity.kind === 'channel' ? entity.id.slice(0, entity.id.lastIndexOf('/')) : entity.id;
}
