// An entity's events in fold order, each with its checkpoint: the snapshot after it. An event newer
// than the last is applied in O(1); an earlier one is inserted where its key puts it and only what
// follows is refolded, from the checkpoint before it (DESIGN §4.3). Below the entries lies the
// base: everything compacted so far, folded into one snapshot.
import type { CanonicalEvent } from '../events/canonical.js';
import { compareKeys, type EventKey } from './eventKey.js';
import type { LedgerFold, MachineSnapshot } from './ledgerFold.js';

export interface TimelineEntry {
  event: CanonicalEvent;
  key: EventKey;
  fingerprint: number;
  /** The snapshot after this event: the checkpoint a later insertion restarts from. */
  after: MachineSnapshot;
}

export class FoldTimeline {
  base: MachineSnapshot;
  /** The key of the last event folded into the base; null while nothing is compacted. */
  baseKey: EventKey | null = null;
  private entries: TimelineEntry[] = [];

  constructor(private readonly fold: LedgerFold) {
    this.base = fold.initial();
  }

  get current(): MachineSnapshot {
    return this.entries.at(-1)?.after ?? this.base;
  }

  get size(): number {
    return this.entries.length;
  }

  get oldestTime(): number | undefined {
    return this.entries[0]?.key.time;
  }

  events(): CanonicalEvent[] {
    return this.entries.map((entry) => entry.event);
  }

  /** At or before the base: such an event cannot be placed (it would be folded after the base). */
  isAtOrBeforeBase(key: EventKey): boolean {
    return this.baseKey !== null && compareKeys(key, this.baseKey) <= 0;
  }

  /** Places an event after the base: appended if it is the newest, else inserted and refolded. */
  place(event: CanonicalEvent, key: EventKey, fingerprint: number): 'applied' | 'reordered' {
    const last = this.entries.at(-1);
    if (!last || compareKeys(key, last.key) > 0) {
      this.entries.push({ event, key, fingerprint, after: this.fold.evolve(this.current, event) });
      return 'applied';
    }
    const position = this.insertionPoint(key);
    this.entries.splice(position, 0, { event, key, fingerprint, after: this.base });
    this.refoldFrom(position);
    return 'reordered';
  }

  /** Folds the entries older than `before` into the base and returns them. */
  compactBefore(before: number): TimelineEntry[] {
    let count = 0;
    while (count < this.entries.length && this.entries[count]!.key.time < before) count++;
    if (count === 0) return [];
    const compacted = this.entries.splice(0, count);
    const last = compacted.at(-1)!;
    this.base = last.after;
    this.baseKey = last.key;
    return compacted;
  }

  /** Takes out the entries at or before `time` without folding them anywhere, and returns them. */
  removeUpTo(time: number): TimelineEntry[] {
    const removed = this.entries.filter((entry) => entry.key.time <= time);
    this.entries = this.entries.filter((entry) => entry.key.time > time);
    return removed;
  }

  /** Puts a new base under the entries and refolds all of them on it. */
  rebase(base: MachineSnapshot, baseKey: EventKey | null): void {
    this.base = base;
    this.baseKey = baseKey;
    this.refoldFrom(0);
  }

  /** Forgets every entry and the base. */
  clear(): void {
    this.entries = [];
    this.base = this.fold.initial();
    this.baseKey = null;
  }

  /** Refolds every entry from `position` on, starting from the checkpoint before it. */
  private refoldFrom(position: number): void {
    let snapshot = position === 0 ? this.base : this.entries[position - 1]!.after;
    for (let index = position; index < this.entries.length; index++) {
      const entry = this.entries[index]!;
      snapshot = this.fold.evolve(snapshot, entry.event);
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
