// Checkpoints proportional to change: a durable store writes the ledgers whose revision
// moved since its last checkpoint and the entities that left memory since, not every ledger. The
// tracker remembers, per ledger, the revision the store holds; a checkpoint counts as written only
// once the store says it committed it, so a failed commit is simply taken again next time.
import type { LedgerSnapshot } from '../ledger/entityLedger.js';
import type { EntityLedger } from '../ledger/entityLedger.js';
import type { FinishedEntity } from './finished.js';
import type { DeliveryStats } from './stats.js';
import type { SourceClocksSnapshot } from './sourceClocks.js';
import type { KpiSnapshot } from '../kpi/engineKpis.js';

/** The engine beside its ledgers: small, written whole with every checkpoint. */
export interface EngineMeta {
  version: number;
  stats: DeliveryStats;
  clocks: SourceClocksSnapshot;
  /** Queue KPI sums and agent timelines (an engine with the `kpis` option). */
  kpis?: KpiSnapshot;
}

export interface EngineCheckpoint extends EngineMeta {
  /** Numbers the checkpoints an engine takes: `checkpointWritten` names the one the store committed. */
  serial: number;
  /** `ledgers` holds every live ledger: the store drops the rows of any other (a refolded log). */
  full: boolean;
  /** The ledgers that changed since the last checkpoint written. */
  ledgers: LedgerSnapshot[];
  /** The entities that left memory since: the store drops their ledgers' rows and keeps their views. */
  finished: FinishedEntity[];
}

interface Taken {
  /** The ledgers it holds, at the revision it holds them. */
  revisions: [EntityLedger, number][];
  finished: FinishedEntity[];
}

export class CheckpointTracker {
  private readonly written = new WeakMap<EntityLedger, number>();
  private finished: FinishedEntity[] = [];
  /** Checkpoints taken and not yet confirmed, by serial (commits fail rarely: a few at most). */
  private readonly taken = new Map<number, Taken>();
  private serial = 0;
  /** Until a first checkpoint is written, it is a full one (unless the ledgers came from the store). */
  private full: boolean;

  /** `restored`: the ledgers come from the store's own rows (see `restoredLedger`). */
  constructor(restored: boolean) {
    this.full = !restored;
  }

  /** A ledger restored from the store's row: the store holds it as it is, already written. */
  restoredLedger(ledger: EntityLedger): void {
    this.written.set(ledger, ledger.revision);
  }

  /** An entity left memory: its final view goes with the next checkpoint. */
  leftMemory(finished: FinishedEntity): void {
    this.finished.push(finished);
  }

  /** `ledgers`: those in memory (a store's row not read into a ledger yet is what the store holds). */
  take(meta: EngineMeta, ledgers: Iterable<EntityLedger>): EngineCheckpoint {
    const revisions: [EntityLedger, number][] = [];
    const snapshots: LedgerSnapshot[] = [];
    for (const ledger of ledgers) {
      if (!this.full && this.written.get(ledger) === ledger.revision) continue;
      revisions.push([ledger, ledger.revision]);
      snapshots.push(ledger.toSnapshot());
    }
    const serial = ++this.serial;
    const checkpoint: EngineCheckpoint = { ...meta, serial, full: this.full, ledgers: snapshots, finished: [...this.finished] };
    this.taken.set(serial, { revisions, finished: checkpoint.finished });
    return checkpoint;
  }

  /** The store committed the checkpoint numbered `serial` (stores commit in order: older ones are moot). */
  confirm(serial: number, full: boolean): void {
    const taken = this.taken.get(serial);
    for (const older of this.taken.keys()) if (older <= serial) this.taken.delete(older);
    if (!taken) return;
    for (const [ledger, revision] of taken.revisions) this.written.set(ledger, revision);
    const kept = new Set(taken.finished);
    this.finished = this.finished.filter((finished) => !kept.has(finished));
    if (full) this.full = false;
  }
}
