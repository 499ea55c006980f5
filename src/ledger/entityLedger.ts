// One entity's ledger (DESIGN §4): dedupes its events, keeps them in fold order, and folds them
// through the entity's XState machine. In-order events are applied in O(1); a late one rewinds to
// the checkpoint just before it (every entry keeps the snapshot after it) and refolds only what
// follows. Events older than the horizon are compacted into a base snapshot.
import type { AnyMachineSnapshot, AnyStateMachine, InspectionEvent } from 'xstate';
import type { CanonicalEvent, EntityRef, SourceId } from '../events/canonical.js';
import { DedupeWindow } from './dedupeWindow.js';
import { compareKeys, type EventKey, keyOf } from './eventKey.js';
import { fingerprint as fingerprintOf } from './fingerprint.js';
import { type FoldInspector, foldInspector, type MachineFold, machineFold } from './machineFold.js';

export type LedgerOutcome = 'applied' | 'reordered' | 'duplicate' | 'conflict' | 'late';

type MachineSnapshot = AnyMachineSnapshot;

interface Entry {
  event: CanonicalEvent;
  key: EventKey;
  fingerprint: number;
  /** The machine snapshot after this event: the checkpoint a later rewind restarts from. */
  after: MachineSnapshot;
}

export interface LedgerSnapshot {
  entity: EntityRef;
  source: SourceId | null;
  /** Persisted machine snapshot of everything compacted so far. */
  base: unknown;
  baseKey: EventKey | null;
  /** The base is an authoritative snapshot (reconcile), not a fold of events. */
  baseIsAuthoritative: boolean;
  entries: CanonicalEvent[];
  compacted: [string, number, number][];
  late: CanonicalEvent[];
  needsReconciliation: boolean;
}

export interface LedgerOptions {
  inspect?: (event: InspectionEvent) => void;
}

export class EntityLedger {
  private base: MachineSnapshot;
  private baseKey: EventKey | null = null;
  private baseIsAuthoritative = false;
  private entries: Entry[] = [];
  /** Ids of the entries in memory → fingerprint. */
  private readonly ids = new Map<string, number>();
  private compacted = new DedupeWindow();
  private readonly machineFold: MachineFold;
  private readonly inspector: FoldInspector | undefined;
  /** Events older than the base: kept, reported, never folded (DESIGN §4.4). */
  readonly late: CanonicalEvent[] = [];
  needsReconciliation = false;
  /** The source of the entity's latest event: whose clock compacts it. */
  source: SourceId | null = null;

  constructor(
    readonly entity: EntityRef,
    private readonly machine: AnyStateMachine,
    options: LedgerOptions = {},
  ) {
    this.machineFold = machineFold(machine);
    this.inspector = options.inspect ? foldInspector(machine, entity, options.inspect) : undefined;
    this.base = this.machineFold.initial(entity);
  }

  /** The entity's current machine snapshot. */
  get current(): MachineSnapshot {
    return this.entries.at(-1)?.after ?? this.base;
  }

  get size(): number {
    return this.entries.length;
  }

  get oldestTime(): number | undefined {
    return this.entries[0]?.key.time;
  }

  ingest(event: CanonicalEvent): LedgerOutcome {
    this.source = event.source;
    const fingerprint = fingerprintOf(event);
    const known = this.ids.get(event.id) ?? this.compacted.fingerprintOf(event.id);
    if (known !== undefined) return known === fingerprint ? 'duplicate' : 'conflict';
    const key = keyOf(event);
    // At or before the base: compacted events are folded into it (a redelivery whose id left
    // the dedupe window lands exactly on the base's key and must not be folded twice).
    if (this.baseKey && compareKeys(key, this.baseKey) <= 0) {
      this.late.push(event);
      this.compacted.remember(event.id, fingerprint, event.time);
      if (!this.baseIsAuthoritative) this.needsReconciliation = true;
      return 'late';
    }
    this.ids.set(event.id, fingerprint);
    const last = this.entries.at(-1);
    if (!last || compareKeys(key, last.key) > 0) {
      this.entries.push({ event, key, fingerprint, after: this.fold(this.current, event) });
      return 'applied';
    }
    const position = this.insertionPoint(key);
    this.entries.splice(position, 0, { event, key, fingerprint, after: this.base });
    this.refoldFrom(position);
    return 'reordered';
  }

  /** Moves entries older than `before` into the base; forgets compacted ids older than `dedupeBefore`. */
  compact(before: number, dedupeBefore: number): void {
    let count = 0;
    while (count < this.entries.length && this.entries[count]!.key.time < before) count++;
    if (count > 0) {
      const compacted = this.entries.splice(0, count);
      for (const { event, fingerprint } of compacted) {
        this.ids.delete(event.id);
        this.compacted.remember(event.id, fingerprint, event.time);
      }
      const last = compacted.at(-1)!;
      this.base = last.after;
      this.baseKey = last.key;
      this.baseIsAuthoritative = false;
      // A quiet entity (a closed task) keeps its ids compactly.
      if (this.entries.length === 0) this.compacted.freeze();
    }
    this.compacted.expire(dedupeBefore);
  }

  /**
   * Makes an authoritative snapshot at `asOf` the base (DESIGN §4.5): events up to `asOf` are
   * absorbed by it, events after it are refolded on top.
   */
  reconcile(snapshot: MachineSnapshot, asOf: number): void {
    const absorbed = this.entries.filter((entry) => entry.key.time <= asOf);
    for (const { event, fingerprint } of absorbed) {
      this.ids.delete(event.id);
      this.compacted.remember(event.id, fingerprint, event.time);
    }
    this.entries = this.entries.filter((entry) => entry.key.time > asOf);
    this.base = snapshot;
    // After every event at `asOf` (a finite rank, so snapshots stay plain JSON).
    this.baseKey = { time: asOf, rank: Number.MAX_SAFE_INTEGER, id: '' };
    this.baseIsAuthoritative = true;
    this.needsReconciliation = false;
    this.late.splice(0, this.late.length, ...this.late.filter((event) => event.time > asOf));
    this.refoldFrom(0);
  }

  /** Refolds the entity from nothing through `events` (a store's full history of it). */
  rebuild(events: CanonicalEvent[]): void {
    this.entries = [];
    this.ids.clear();
    this.compacted = new DedupeWindow();
    this.late.length = 0;
    this.baseKey = null;
    this.baseIsAuthoritative = false;
    this.needsReconciliation = false;
    this.base = this.machineFold.initial(this.entity);
    for (const event of [...events].sort((a, b) => compareKeys(keyOf(a), keyOf(b)))) this.ingest(event);
  }

  toSnapshot(): LedgerSnapshot {
    return {
      entity: this.entity,
      source: this.source,
      base: this.machine.getPersistedSnapshot(this.base),
      baseKey: this.baseKey,
      baseIsAuthoritative: this.baseIsAuthoritative,
      entries: this.entries.map((entry) => entry.event),
      compacted: this.compacted.toJSON(),
      late: [...this.late],
      needsReconciliation: this.needsReconciliation,
    };
  }

  static fromSnapshot(snapshot: LedgerSnapshot, machine: AnyStateMachine, options: LedgerOptions = {}): EntityLedger {
    const ledger = new EntityLedger(snapshot.entity, machine, options);
    ledger.base = ledger.machineFold.restore(snapshot.base);
    ledger.baseKey = snapshot.baseKey;
    ledger.baseIsAuthoritative = snapshot.baseIsAuthoritative;
    ledger.compacted = DedupeWindow.fromJSON(snapshot.compacted);
    ledger.late.push(...snapshot.late);
    ledger.needsReconciliation = snapshot.needsReconciliation;
    for (const event of snapshot.entries) ledger.ingest(event);
    ledger.source = snapshot.source;
    return ledger;
  }

  private fold(snapshot: MachineSnapshot, event: CanonicalEvent): MachineSnapshot {
    const after = this.machineFold.next(snapshot, event);
    this.inspector?.folded(event, after);
    return after;
  }

  /** Refolds every entry from `position` on, starting from the checkpoint before it. */
  private refoldFrom(position: number): void {
    let snapshot = position === 0 ? this.base : this.entries[position - 1]!.after;
    for (let index = position; index < this.entries.length; index++) {
      const entry = this.entries[index]!;
      snapshot = this.fold(snapshot, entry.event);
      entry.after = snapshot;
    }
  }

  private insertionPoint(key: EventKey): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeys(this.entries[middle]!.key, key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
