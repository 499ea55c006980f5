// An entity's history in fold order. A step newer than the last is applied in O(1); an earlier one
// is inserted where its key puts it and only what follows is refolded, from the waypoint before it
// (DESIGN §4.3). A waypoint is the snapshot after a step, kept every `WAYPOINT_SPACING` steps (and
// always the current one): the snapshots between are garbage the moment they are made, and a late
// event refolds at most `WAYPOINT_SPACING - 1` more steps than it would with a snapshot per step.
// With an inspector every step keeps its snapshot, so the inspector sees each step folded once.
// Below the entries lies the base: everything compacted so far, folded into one snapshot. A
// compaction that cuts between waypoints keeps the steps from the last waypoint to the cut (fewer
// than `WAYPOINT_SPACING`) and folds them into the base only when the base is read, so compacting
// an entity one step at a time does not fold each step a second time. Events
// of one instant fold in key order, or in the order `orderTies` gives them from the snapshot
// before the instant (DESIGN §4.7); a reconcile ranks after every event of its instant.
import type { CanonicalEvent } from '../events/canonical.js';
import { compareKeys, type EventKey } from './eventKey.js';
import type { LedgerFold, LedgerStep, MachineSnapshot } from './ledgerFold.js';
import type { SameInstantOrder } from './sameInstantOrder.js';

/**
 * A step held in the timeline: the step itself (it is what the fold folds), its key's fields (it is
 * its own key) and its fingerprint, in one object: a ledger holds one per event for the horizon.
 */
export type TimelineEntry = LedgerStep &
  EventKey & {
    /** The event's fingerprint (0 for a reconcile). */
    fingerprint: number;
    /** The snapshot after this step where it is a waypoint (a later insertion restarts from one), else undefined. */
    after: MachineSnapshot | undefined;
  };

/**
 * Steps between waypoints. A typical entity holds a dozen steps within the horizon, so one or two
 * waypoints and the current snapshot; a late event refolds up to 7 steps more (a µs each).
 */
const WAYPOINT_SPACING = 8;

/**
 * The empty lists of every timeline that holds nothing (most ledgers are closed tasks holding only
 * a base): shared, frozen, and replaced by a list of its own before anything is added.
 */
const NO_STEPS: LedgerStep[] = Object.freeze([]) as unknown as LedgerStep[];
const NO_ENTRIES: TimelineEntry[] = Object.freeze([]) as unknown as TimelineEntry[];

export type ReconcileStep = Extract<LedgerStep, { kind: 'reconcile' }>;

export class FoldTimeline {
  /** The base is `baseFrom` with `baseSteps` folded onto it, when it is read. */
  private baseFrom: MachineSnapshot;
  private baseSteps = NO_STEPS;
  /** The key of the last step folded into the base; null while nothing is compacted. */
  baseKey: EventKey | null = null;
  private entries = NO_ENTRIES;
  /** The snapshot after the last entry (the base when there is none). */
  private latest: MachineSnapshot;
  /** Entries after the last waypoint. */
  private sinceWaypoint = 0;

  /** `initial`: the entity's snapshot before any step. */
  constructor(
    private readonly fold: LedgerFold,
    initial: MachineSnapshot,
    private readonly orderTies?: SameInstantOrder,
  ) {
    this.baseFrom = initial;
    this.latest = this.baseFrom;
  }

  /** Steps between waypoints (1 for an inspector). Not a field: a closed task keeps its timeline until retention lets it go. */
  private get spacing(): number {
    return this.fold.inspector ? 1 : WAYPOINT_SPACING;
  }

  /** Everything compacted so far, as one snapshot. */
  get base(): MachineSnapshot {
    if (this.baseSteps.length > 0) {
      for (const step of this.baseSteps) this.baseFrom = this.fold.evolve(this.baseFrom, step);
      this.baseSteps = NO_STEPS;
    }
    return this.baseFrom;
  }

  get current(): MachineSnapshot {
    return this.latest;
  }

  get size(): number {
    return this.entries.length;
  }

  get oldestTime(): number | undefined {
    return this.entries[0]?.time;
  }

  /** The time of the newest step held, or of the last one compacted; undefined before any. */
  get newestTime(): number | undefined {
    return this.entries.at(-1)?.time ?? this.baseKey?.time;
  }

  events(): CanonicalEvent[] {
    return this.entries.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : []));
  }

  reconciles(): { step: ReconcileStep; key: EventKey }[] {
    return this.entries.flatMap((entry) => (entry.kind === 'reconcile' ? [{ step: entry, key: keyOfEntry(entry) }] : []));
  }

  /** The steps held from `time` on, oldest first: each one's time and the snapshot after it (refolded between waypoints). */
  statesFrom(time: number): { time: number; after: MachineSnapshot }[] {
    const first = this.firstAtOrAfter(time);
    const states: { time: number; after: MachineSnapshot }[] = [];
    let snapshot = this.snapshotBefore(first);
    for (let index = first; index < this.entries.length; index++) {
      const entry = this.entries[index]!;
      snapshot = entry.after ?? this.fold.evolve(snapshot, entry);
      states.push({ time: entry.time, after: snapshot });
    }
    return states;
  }

  /** At or before the base: such a step cannot be placed (it would be folded after the base). */
  isAtOrBeforeBase(key: EventKey): boolean {
    return this.baseKey !== null && compareKeys(key, this.baseKey) <= 0;
  }

  /** Places a step after the base: appended if it is the newest, else inserted and refolded. */
  place(step: LedgerStep, key: EventKey, fingerprint: number): 'applied' | 'reordered' {
    const last = this.entries.at(-1);
    const entry = entryOf(step, key, fingerprint);
    if (this.entries === NO_ENTRIES) this.entries = [];
    // Stryker disable next-line BlockStatement: equivalent, append shortcut (test/README.md)
    if (!last || key.time > last.time || (!this.orderTies && compareKeys(key, last) > 0)) {
      this.noteReconcile(step, 0);
      this.entries.push(entry);
      this.append(entry);
      return 'applied';
    }
    // Into its instant, which takes its fold order again.
    const start = this.firstAtOrAfter(key.time);
    const end = this.firstAtOrAfter(key.time + 1);
    const instant = this.entries.slice(start, end);
    const before = this.snapshotBefore(start);
    const ordered = this.order([...instant, entry], before);
    this.entries.splice(start, end - start, ...ordered);
    if (end === this.entries.length - 1 && ordered.at(-1) === entry && instant.every((kept, index) => ordered[index] === kept)) {
      this.noteReconcile(step, 0);
      this.append(entry);
      return 'applied';
    }
    if (step.kind === 'event') {
      const refold = { type: 'contactstate.refold', lateEventId: step.event.id, lateEventTime: step.event.time, refolded: this.entries.length - start } as const;
      this.fold.note(refold, before);
    } else this.noteReconcile(step, this.entries.length - 1 - this.entries.indexOf(entry));
    this.refoldFrom(start, before);
    return 'reordered';
  }

  /** Folds the last entry onto the current snapshot; it keeps its snapshot when a waypoint is due. */
  private append(entry: TimelineEntry): void {
    this.latest = this.fold.evolve(this.latest, entry);
    this.keepIfDue(entry);
  }

  private keepIfDue(entry: TimelineEntry): void {
    if (++this.sinceWaypoint < this.spacing) return;
    entry.after = this.latest;
    this.sinceWaypoint = 0;
  }

  /** The snapshot before the entry at `position`: refolded from the waypoint (or the base) before it. */
  private snapshotBefore(position: number): MachineSnapshot {
    if (position === this.entries.length) return this.latest;
    let from = this.waypointAtOrBefore(position);
    let snapshot = from === 0 ? this.base : this.entries[from - 1]!.after!;
    for (; from < position; from++) snapshot = this.fold.evolve(snapshot, this.entries[from]!);
    return snapshot;
  }

  /** Tells the inspector a reconcile is placed, with the authority's state and how many steps follow it. */
  private noteReconcile(step: LedgerStep, refolded: number): void {
    if (step.kind === 'reconcile') this.fold.note({ type: 'contactstate.reconcile', asOf: step.asOf, refolded }, step.authority);
  }

  /** Folds the entries older than `before` into the base and returns them. */
  compactBefore(before: number): TimelineEntry[] {
    let count = 0;
    while (count < this.entries.length && this.entries[count]!.time < before) count++;
    if (count === 0) return [];
    let compacted: TimelineEntry[];
    if (count === this.entries.length) {
      this.setBase(this.latest);
      compacted = this.entries;
      this.entries = NO_ENTRIES;
      this.sinceWaypoint = 0;
    } else {
      const from = this.waypointAtOrBefore(count);
      if (from > 0) this.setBase(this.entries[from - 1]!.after!);
      if (from < count && this.baseSteps === NO_STEPS) this.baseSteps = [];
      for (let index = from; index < count; index++) this.baseSteps.push(this.entries[index]!);
      compacted = this.entries.splice(0, count);
    }
    // The greatest key of the last instant compacted (its fold order need not be key order).
    let greatest = compacted[0]!;
    for (const entry of compacted) if (compareKeys(entry, greatest) > 0) greatest = entry;
    // A key of its own: the entry would keep its event alive.
    this.baseKey = keyOfEntry(greatest);
    return compacted;
  }

  /** Puts a new base under the entries and refolds all of them on it. */
  rebase(base: MachineSnapshot, baseKey: EventKey | null): void {
    this.setBase(base);
    this.baseKey = baseKey;
    this.refoldFrom(0, base);
  }

  private setBase(snapshot: MachineSnapshot): void {
    this.baseFrom = snapshot;
    this.baseSteps = NO_STEPS;
  }

  /** The position after the last waypoint before `position`; 0 when there is none (the base). */
  private waypointAtOrBefore(position: number): number {
    let from = position;
    while (from > 0 && this.entries[from - 1]!.after === undefined) from--;
    return from;
  }

  /** Forgets every entry and the base: the timeline starts again from `initial`, the entity's snapshot before any step. */
  clear(initial: MachineSnapshot): void {
    this.entries = NO_ENTRIES;
    this.setBase(initial);
    this.latest = this.baseFrom;
    this.sinceWaypoint = 0;
    this.baseKey = null;
  }

  /**
   * Refolds every entry from `position` (the first of its instant) on, from `before`, the snapshot
   * before it. Where instants have an order of their own, each takes it again from its new start.
   * Waypoints are laid again from `position` on, counted from the last one before it.
   */
  private refoldFrom(position: number, before: MachineSnapshot): void {
    let snapshot = before;
    this.sinceWaypoint = position - this.waypointAtOrBefore(position);
    this.latest = before;
    let index = position;
    while (index < this.entries.length) {
      let end = index + 1;
      if (this.orderTies) {
        while (end < this.entries.length && this.entries[end]!.time === this.entries[index]!.time) end++;
        if (end - index > 1) this.entries.splice(index, end - index, ...this.order(this.entries.slice(index, end), snapshot));
      }
      for (; index < end; index++) {
        const entry = this.entries[index]!;
        snapshot = this.fold.evolve(snapshot, entry);
        this.latest = snapshot;
        entry.after = undefined;
        this.keepIfDue(entry);
      }
    }
  }

  /** One instant's entries in fold order, from the snapshot before them: its events, then its reconciles. */
  private order(instant: TimelineEntry[], before: MachineSnapshot): TimelineEntry[] {
    const inKeyOrder = instant.sort(compareKeys);
    if (!this.orderTies) return inKeyOrder;
    const events = inKeyOrder.flatMap((entry) => (entry.kind === 'event' ? [{ event: entry.event, key: entry as EventKey, entry }] : []));
    if (events.length < 2) return inKeyOrder;
    return [...this.orderTies(events, before).map(({ entry }) => entry), ...inKeyOrder.filter((entry) => entry.kind === 'reconcile')];
  }

  /** The position of the first entry at `time` or later. */
  private firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]!.time < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** A step and its key as one timeline entry. */
function entryOf(step: LedgerStep, { time, rank, id }: EventKey, fingerprint: number): TimelineEntry {
  return step.kind === 'event'
    ? { kind: 'event', event: step.event, time, rank, id, fingerprint, after: undefined }
    : { kind: 'reconcile', authority: step.authority, asOf: step.asOf, reason: step.reason, time, rank, id, fingerprint, after: undefined };
}

/** An entry's key alone. */
const keyOfEntry = ({ time, rank, id }: EventKey): EventKey => ({ time, rank, id });
