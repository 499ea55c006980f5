// An entity's history in fold order, each step with its checkpoint: the snapshot after it. A step
// newer than the last is applied in O(1); an earlier one is inserted where its key puts it and only
// what follows is refolded, from the checkpoint before it (DESIGN §4.3). Below the entries lies the
// base: everything compacted so far, folded into one snapshot. Events of one instant fold in key
// order, or in the order `orderTies` gives them from the snapshot before the instant (§4.7); a
// reconcile ranks after every event of its instant.
import type { CanonicalEvent } from '../events/canonical.js';
import { compareKeys, type EventKey } from './eventKey.js';
import type { LedgerFold, LedgerStep, MachineSnapshot } from './ledgerFold.js';
import type { SameInstantOrder } from './sameInstantOrder.js';

export interface TimelineEntry {
  step: LedgerStep;
  key: EventKey;
  /** The event's fingerprint (0 for a reconcile). */
  fingerprint: number;
  /** The snapshot after this step: the checkpoint a later insertion restarts from. */
  after: MachineSnapshot;
}

export type ReconcileStep = Extract<LedgerStep, { kind: 'reconcile' }>;

export class FoldTimeline {
  base: MachineSnapshot;
  /** The key of the last step folded into the base; null while nothing is compacted. */
  baseKey: EventKey | null = null;
  private entries: TimelineEntry[] = [];

  constructor(
    private readonly fold: LedgerFold,
    private readonly orderTies?: SameInstantOrder,
  ) {
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

  /** The time of the newest step held, or of the last one compacted; undefined before any. */
  get newestTime(): number | undefined {
    return this.entries.at(-1)?.key.time ?? this.baseKey?.time;
  }

  events(): CanonicalEvent[] {
    return this.entries.flatMap(({ step }) => (step.kind === 'event' ? [step.event] : []));
  }

  reconciles(): { step: ReconcileStep; key: EventKey }[] {
    return this.entries.flatMap(({ step, key }) => (step.kind === 'reconcile' ? [{ step, key }] : []));
  }

  /** The steps held from `time` on, oldest first: each one's time and the snapshot after it. */
  statesFrom(time: number): { time: number; after: MachineSnapshot }[] {
    return this.entries.slice(this.firstAtOrAfter(time)).map(({ key, after }) => ({ time: key.time, after }));
  }

  /** At or before the base: such a step cannot be placed (it would be folded after the base). */
  isAtOrBeforeBase(key: EventKey): boolean {
    return this.baseKey !== null && compareKeys(key, this.baseKey) <= 0;
  }

  /** Places a step after the base: appended if it is the newest, else inserted and refolded. */
  place(step: LedgerStep, key: EventKey, fingerprint: number): 'applied' | 'reordered' {
    const last = this.entries.at(-1);
    const entry: TimelineEntry = { step, key, fingerprint, after: this.base };
    // Stryker disable next-line BlockStatement: the append is a shortcut; the placement below appends the newest step alike
    if (!last || key.time > last.key.time || (!this.orderTies && compareKeys(key, last.key) > 0)) {
      this.noteReconcile(step, 0);
      entry.after = this.fold.evolve(this.current, step);
      this.entries.push(entry);
      return 'applied';
    }
    // Into its instant, which takes its fold order again.
    const start = this.firstAtOrAfter(key.time);
    const end = this.firstAtOrAfter(key.time + 1);
    const instant = this.entries.slice(start, end);
    const ordered = this.order([...instant, entry], start === 0 ? this.base : this.entries[start - 1]!.after);
    this.entries.splice(start, end - start, ...ordered);
    if (end === this.entries.length - 1 && ordered.at(-1) === entry && instant.every((kept, index) => ordered[index] === kept)) {
      this.noteReconcile(step, 0);
      entry.after = this.fold.evolve(end === 0 ? this.base : this.entries[end - 1]!.after, step);
      return 'applied';
    }
    if (step.kind === 'event') {
      const refold = { type: 'contactstate.refold', lateEventId: step.event.id, lateEventTime: step.event.time, refolded: this.entries.length - start } as const;
      this.fold.note(refold, start === 0 ? this.base : this.entries[start - 1]!.after);
    } else this.noteReconcile(step, this.entries.length - 1 - this.entries.indexOf(entry));
    this.refoldFrom(start);
    return 'reordered';
  }

  /** Tells the inspector a reconcile is placed, with the authority's state and how many steps follow it. */
  private noteReconcile(step: LedgerStep, refolded: number): void {
    if (step.kind === 'reconcile') this.fold.note({ type: 'contactstate.reconcile', asOf: step.asOf, refolded }, step.authority);
  }

  /** Folds the entries older than `before` into the base and returns them. */
  compactBefore(before: number): TimelineEntry[] {
    let count = 0;
    while (count < this.entries.length && this.entries[count]!.key.time < before) count++;
    if (count === 0) return [];
    const compacted = this.entries.splice(0, count);
    this.base = compacted.at(-1)!.after;
    // The greatest key of the last instant compacted (its fold order need not be key order).
    this.baseKey = compacted.reduce((greatest, { key }) => (compareKeys(key, greatest) > 0 ? key : greatest), compacted[0]!.key);
    return compacted;
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

  /**
   * Refolds every entry from `position` (the first of its instant) on, from the checkpoint before
   * it. Where instants have an order of their own, each takes it again from its new start.
   */
  private refoldFrom(position: number): void {
    let snapshot = position === 0 ? this.base : this.entries[position - 1]!.after;
    let index = position;
    while (index < this.entries.length) {
      let end = index + 1;
      if (this.orderTies) {
        while (end < this.entries.length && this.entries[end]!.key.time === this.entries[index]!.key.time) end++;
        if (end - index > 1) this.entries.splice(index, end - index, ...this.order(this.entries.slice(index, end), snapshot));
      }
      for (; index < end; index++) {
        const entry = this.entries[index]!;
        snapshot = this.fold.evolve(snapshot, entry.step);
        entry.after = snapshot;
      }
    }
  }

  /** One instant's entries in fold order, from the snapshot before them: its events, then its reconciles. */
  private order(instant: TimelineEntry[], before: MachineSnapshot): TimelineEntry[] {
    const inKeyOrder = instant.sort((a, b) => compareKeys(a.key, b.key));
    if (!this.orderTies) return inKeyOrder;
    const events = inKeyOrder.flatMap((entry) => (entry.step.kind === 'event' ? [{ event: entry.step.event, key: entry.key, entry }] : []));
    if (events.length < 2) return inKeyOrder;
    return [...this.orderTies(events, before).map(({ entry }) => entry), ...inKeyOrder.filter((entry) => entry.step.kind === 'reconcile')];
  }

  /** The position of the first entry at `time` or later. */
  private firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]!.key.time < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The events among timeline entries, with their fingerprints (what dedupe remembers). */
export function eventEntries(entries: readonly TimelineEntry[]): { event: CanonicalEvent; fingerprint: number }[] {
  return entries.flatMap(({ step, fingerprint }) => (step.kind === 'event' ? [{ event: step.event, fingerprint }] : []));
}
