// Memory retention (DESIGN §4.9; the log's own is src/store/policies/prunePolicy.ts): memory tracks live
// work, not history. A finished task (closed, or ended with nobody left working on it) leaves
// memory once its source's clock is `retentionMs` past its last event. What stays is its
// tombstone, for another retention period: a later event for it is answered `late` ("entity
// expired") instead of starting a task from nothing, and behind a store it is the cue to refold
// the task from its log.
//
// Agents stay (docs/decisions.md, "Agents stay in memory; finished tasks leave"): their number is
// the center's size, not its history, and a logged-out agent's ledger shrinks to its base once its
// ids leave the dedupe window. An agent comes back: the next shift's login is newer than its last
// event, and answering it `late`, or starting the agent from nothing, would change its view with
// the moment a sweep happened to run, which no arrival order may do (DESIGN §4.2).
import type { TaskContext } from '../../machines/task.context.js';
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import type { EntityLedger } from '../ledger/entityLedger.js';
import { ReconcileRefusedError } from '../ledger/reconcile.js';
import type { EntityLedgers } from './entityLedgers.js';
import { viewOf } from './entityViews.js';
import type { FinishedEntity, Tombstone } from './finished.js';

const MINUTE = 60_000;
const DEFAULT_RETENTION_MS = 24 * 60 * MINUTE;

/**
 * The retention period: `retentionMs` (default 24 h), never shorter than the dedupe window (a
 * redelivery must still find the entity's ids) nor the horizon. A shorter one given is bad input;
 * `Infinity` keeps every task.
 */
export function retentionPeriod(retentionMs: number | undefined, needs: { dedupeWindowMs: number; horizonMs: number }): number {
  const floor = Math.max(needs.dedupeWindowMs, needs.horizonMs);
  if (retentionMs === undefined) return Math.max(DEFAULT_RETENTION_MS, floor);
  // Infinity keeps every task (as an engine did before retention).
  if (Number.isNaN(retentionMs) || retentionMs < floor) {
    throw new RangeError(`retentionMs ${String(retentionMs)}: must be a number of ms (or Infinity) no shorter than the dedupe window and the horizon (${floor} ms)`);
  }
  return retentionMs;
}

/** A tombstone as the engine holds it: with the late events that came for the entity since. */
export interface HeldTombstone extends Tombstone {
  late: number;
  /** An event newer than the entity's last one came: it is not only a redelivery. */
  needsReconciliation: boolean;
}

export class MemoryRetention {
  /** By task id. */
  private readonly tombstones = new Map<string, HeldTombstone>();

  constructor(
    readonly retentionMs: number,
    private readonly ledgers: EntityLedgers,
    saved: (Tombstone | HeldTombstone)[] = [],
  ) {
    for (const tombstone of saved) {
      // One that came back (refolded behind a store) is in memory with its ledger instead.
      if (tombstone.kind !== 'task' || this.ledgers.has('task', tombstone.id)) continue;
      // A snapshot's tombstones carry their late count; a store's (finishedSince) do not.
      this.tombstones.set(tombstone.id, { late: 0, needsReconciliation: false, ...tombstone });
    }
  }

  /**
   * When `event` is for a task that left memory and has not come back: counts the event against
   * its tombstone and returns why it is `late`.
   */
  arrivedAfterExpiry(event: CanonicalEvent): string | undefined {
    const tombstone = this.tombstoneOf(event.entity);
    if (!tombstone) return undefined;
    tombstone.late++;
    // Older than its last event: a redelivery (or a straggler the finished state already covers).
    if (event.time > tombstone.lastEventTime) tombstone.needsReconciliation = true;
    return `entity expired: task ${tombstone.id} left memory ${this.retentionMs} ms after its last event`;
  }

  /**
   * Before a reconcile of `entity` as of `asOf`: refused when the entity left memory with events
   * after `asOf` (they are no longer held; behind a store it is refolded from its log instead).
   * A reconcile as of its last event or later drops nothing: the entity is back.
   */
  reconciling(entity: EntityRef, asOf: number): void {
    const tombstone = this.tombstoneOf(entity);
    if (!tombstone) return;
    if (asOf < tombstone.lastEventTime) throw new ReconcileRefusedError(entity, asOf, tombstone.lastEventTime);
    this.tombstones.delete(entity.id);
  }

  /** The entity is in memory again (refolded from a store's log). */
  cameBack(entity: EntityRef): void {
    if (entity.kind === 'task') this.tombstones.delete(entity.id);
  }

  /** Tombstones an event newer than the entity's last one came for: such an entity needs a reconcile. */
  needingReconciliation(): { entity: EntityRef; gaps: number; late: number }[] {
    return [...this.tombstones.values()].filter((held) => held.needsReconciliation).map(({ kind, id, late }) => ({ entity: { kind, id }, gaps: 0, late }));
  }

  get size(): number {
    return this.tombstones.size;
  }

  toJSON(): HeldTombstone[] {
    return [...this.tombstones.values()].map((held) => ({ ...held }));
  }

  /**
   * Takes the finished entities of the sources in `due` whose source's clock is a retention period
   * past their last event out of memory, and forgets tombstones two periods old. Returns what left.
   */
  sweep(due: Set<SourceId>): FinishedEntity[] {
    const left: FinishedEntity[] = [];
    for (const id of [...this.ledgers.ids('task')]) {
      const ledger = this.ledgers.get('task', id)!;
      const { source, newestTime: lastEventTime } = ledger;
      if (!source || lastEventTime === undefined || !due.has(source)) continue;
      if (this.age(source, lastEventTime) < this.retentionMs || !isFinished(ledger)) continue;
      const view = viewOf(this.ledgers, 'task', id)!;
      this.ledgers.remove(ledger);
      this.tombstones.set(id, { kind: 'task', id, source, lastEventTime, late: 0, needsReconciliation: false });
      left.push({ kind: 'task', id, source, lastEventTime, view, ledgers: [{ kind: 'task', id }] });
    }
    for (const [id, tombstone] of this.tombstones) {
      if (due.has(tombstone.source) && this.age(tombstone.source, tombstone.lastEventTime) >= 2 * this.retentionMs) this.tombstones.delete(id);
    }
    return left;
  }

  /** The tombstone of the entity, when it is a task that left memory and has not come back. */
  private tombstoneOf(entity: EntityRef): HeldTombstone | undefined {
    return entity.kind === 'task' && !this.ledgers.has('task', entity.id) ? this.tombstones.get(entity.id) : undefined;
  }

  private age(source: SourceId, time: number): number {
    return (this.ledgers.clocks.watermark(source) ?? -Infinity) - time;
  }
}

/** Whether a task is done: closed, or ended with nobody left working on it or wrapping it up. */
function isFinished(task: EntityLedger): boolean {
  const { value, context } = task.current;
  if (value === 'closed') return true;
  const { participants } = context as TaskContext;
  return value === 'ended' && Object.values(participants).every((participation) => participation === 'done' || participation === 'left');
}
