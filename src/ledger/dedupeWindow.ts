// Ids of compacted events, kept for the dedupe window (default 24 h of event time) so that a
// vendor retrying for hours is still recognised as sending a duplicate, not a late event.
// Entries arrive in fold order, so expiry walks from the oldest.
//
// Compact form, because a closed task keeps little else for a day: id → fingerprint in a Map
// (the fingerprint stored as an int32, which V8 keeps unboxed, where a uint32 above 2^31 would be a
// heap number), and the event times in a plain number array (unboxed doubles) in the Map's
// insertion order. When the entity goes quiet its ledger freezes the window: a small one becomes
// its ids joined into one string (no string header per id) and an exact-size array of
// fingerprints, scanned on lookup, without the Map's table and slack (bench/README.md).

/** Windows up to this size are frozen into arrays; a larger one keeps its Map for O(1) lookups. */
const FREEZE_MAX = 32;
/** Between frozen ids (and around them); a window holding an id with it in stays a Map. */
const SEPARATOR = '\n';

export class DedupeWindow {
  /** id → fingerprint | 0, in the order remembered; null while frozen. */
  private fingerprints: Map<string, number> | null = new Map();
  /** Event time of each id, same order, from `head` on (earlier ones expired). */
  private times: number[] = [];
  private head = 0;
  /** While frozen: the ids, each between separators, and the fingerprints, same order as `times` (and `head` is 0). */
  private frozenIds: string | null = null;
  private frozenFingerprints: number[] | null = null;

  get size(): number {
    return this.times.length - this.head;
  }

  fingerprintOf(id: string): number | undefined {
    if (this.frozenIds !== null) {
      const position = frozenPosition(this.frozenIds, id);
      return position < 0 ? undefined : this.frozenFingerprints![position]! >>> 0;
    }
    const stored = this.fingerprints!.get(id);
    return stored === undefined ? undefined : stored >>> 0;
  }

  remember(id: string, fingerprint: number, time: number): void {
    const fingerprints = this.thaw();
    if (fingerprints.has(id)) {
      // A Map keeps a re-set key in its place: update its time there (the ledger never does this).
      fingerprints.set(id, fingerprint | 0);
      this.times[this.head + this.positionOf(id)] = time;
      return;
    }
    fingerprints.set(id, fingerprint | 0);
    this.times.push(time);
  }

  /** Forgets ids of events older than `before`, from the oldest, up to the first that is not; whether it forgot any. */
  expire(before: number): boolean {
    if (this.head >= this.times.length || this.times[this.head]! >= before) return false;
    const fingerprints = this.thaw();
    const ids = fingerprints.keys();
    while (this.head < this.times.length && this.times[this.head]! < before) {
      fingerprints.delete(ids.next().value!);
      this.head++;
    }
    // Stryker disable next-line BlockStatement: equivalent, memory form (test/README.md)
    if (this.head === this.times.length) {
      this.times = [];
      this.head = 0;
      return true;
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator,BlockStatement: equivalent, memory form (test/README.md)
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return true;
  }

  /**
   * The entity went quiet: keep a small window as one string of ids and exact-size arrays. Lookups
   * scan them; the next `remember` or expiry turns them back into a Map. Nothing observable changes.
   */
  // Stryker disable next-line BlockStatement: equivalent, memory form (test/README.md)
  freeze(): void {
    const fingerprints = this.fingerprints;
    // Stryker disable next-line EqualityOperator: equivalent, memory form (test/README.md)
    if (!fingerprints || fingerprints.size > FREEZE_MAX) return;
    // Stryker disable next-line ArrayDeclaration: equivalent, memory form (test/README.md)
    const values = new Array<number>(fingerprints.size);
    // '' first and last: every id between two separators. `join` makes one flat string.
    const ids = [''];
    for (const [id, fingerprint] of fingerprints) {
      if (id.includes(SEPARATOR)) return;
      values[ids.length - 1] = fingerprint;
      ids.push(id);
    }
    ids.push('');
    this.frozenIds = ids.join(SEPARATOR);
    this.frozenFingerprints = values;
    this.times = this.times.slice(this.head);
    this.head = 0;
    this.fingerprints = null;
  }

  toJSON(): [string, number, number][] {
    const rows: [string, number, number][] = [];
    let index = this.head;
    if (this.frozenIds !== null) {
      idsOf(this.frozenIds).forEach((id, position) => rows.push([id, this.frozenFingerprints![position]! >>> 0, this.times[position]!]));
      return rows;
    }
    for (const [id, fingerprint] of this.fingerprints!) rows.push([id, fingerprint >>> 0, this.times[index++]!]);
    return rows;
  }

  static fromJSON(rows: [string, number, number][]): DedupeWindow {
    const window = new DedupeWindow();
    for (const [id, fingerprint, time] of rows) window.remember(id, fingerprint, time);
    return window;
  }

  /** The Map form, rebuilt from the frozen arrays if need be. */
  private thaw(): Map<string, number> {
    if (this.fingerprints) return this.fingerprints;
    const fingerprints = new Map<string, number>();
    idsOf(this.frozenIds!).forEach((id, position) => fingerprints.set(id, this.frozenFingerprints![position]!));
    this.fingerprints = fingerprints;
    this.frozenIds = null;
    this.frozenFingerprints = null;
    return fingerprints;
  }

  private positionOf(id: string): number {
    let position = 0;
    for (const key of this.fingerprints!.keys()) {
      if (key === id) return position;
      position++;
    }
    // Stryker disable next-line UnaryOperator: equivalent, unreachable (test/README.md)
    return -1;
  }
}

/** The frozen ids in order (a lone separator: none). */
const idsOf = (frozenIds: string): string[] => (frozenIds.length === 1 ? [] : frozenIds.slice(1, -1).split(SEPARATOR));

/** The position of `id` among the frozen ids, or -1. */
function frozenPosition(frozenIds: string, id: string): number {
  const at = frozenIds.indexOf(SEPARATOR + id + SEPARATOR);
  if (at < 0) return -1;
  let position = 0;
  for (let from = frozenIds.indexOf(SEPARATOR, 1); from >= 0 && from <= at; from = frozenIds.indexOf(SEPARATOR, from + 1)) position++;
  return position;
}

