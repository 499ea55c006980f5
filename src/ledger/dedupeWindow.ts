// Ids of compacted events, kept for the dedupe window (default 24 h of event time) so that a
// vendor retrying for hours is still recognised as sending a duplicate, not a late event.
// Entries arrive in fold order, so expiry walks from the oldest.
//
// Compact form, because a closed task keeps little else for a day: id → fingerprint in a Map
// (the fingerprint stored as an int32, which V8 keeps unboxed, where a uint32 above 2^31 would be a
// heap number), and the event times in a plain number array (unboxed doubles) in the Map's
// insertion order. When the entity goes quiet its ledger freezes the window: a small one becomes
// one string, a line per id with its fingerprint and its time (base 36, the time as a step from the
// line before), without the Map's table and slack, a string header per id or an array of numbers
// (bench/README.md). A lookup finds the id's line; the next `remember` or expiry past its oldest
// time turns it back into a Map.

/** Windows up to this size are frozen; a larger one keeps its Map for O(1) lookups. */
const FREEZE_MAX = 32;
/** Before each frozen line, and after the last. */
const LINE = '\n';
/** Between an id, its fingerprint and its time on a frozen line. */
const FIELD = '\t';
/** Numbers on a frozen line, in this base. */
const RADIX = 36;
/** The times of a frozen window: none (they are on its lines). */
const NO_TIMES: number[] = Object.freeze([]) as unknown as number[];

export class DedupeWindow {
  /** id → fingerprint | 0, in the order remembered; null while frozen. */
  private fingerprints: Map<string, number> | null = new Map();
  /** Event time of each id, same order, from `head` on (earlier ones expired); none while frozen. */
  private times: number[] = [];
  private head = 0;
  /** While frozen: a line per id (id, fingerprint | 0, time step), each line after a line break, one after the last. */
  private frozen: string | null = null;

  get size(): number {
    return this.frozen !== null ? rowsOf(this.frozen).length : this.times.length - this.head;
  }

  fingerprintOf(id: string): number | undefined {
    if (this.frozen !== null) return frozenFingerprintOf(this.frozen, id);
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
    const oldest = this.frozen !== null ? oldestFrozenTime(this.frozen) : this.times[this.head];
    if (oldest === undefined || oldest >= before) return false;
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
   * The entity went quiet: keep a small window as one string of lines. A window holding an id with
   * a line break or a tab, or a time that is not a whole number of ms, keeps its Map.
   * Nothing observable changes.
   */
  // Stryker disable next-line BlockStatement: equivalent, memory form (test/README.md)
  freeze(): void {
    const fingerprints = this.fingerprints;
    // Stryker disable next-line EqualityOperator: equivalent, memory form (test/README.md)
    if (!fingerprints || fingerprints.size > FREEZE_MAX) return;
    // '' first and last: every line between two line breaks. `join` makes one flat string.
    const lines = [''];
    let index = this.head;
    let previous = 0;
    for (const [id, fingerprint] of fingerprints) {
      const time = this.times[index++]!;
      if (id.includes(LINE) || id.includes(FIELD) || !Number.isSafeInteger(time - previous)) return;
      lines.push(id + FIELD + fingerprint.toString(RADIX) + FIELD + (time - previous).toString(RADIX));
      previous = time;
    }
    lines.push('');
    this.frozen = lines.join(LINE);
    this.fingerprints = null;
    this.times = NO_TIMES;
    this.head = 0;
  }

  toJSON(): [string, number, number][] {
    if (this.frozen !== null) return rowsOf(this.frozen).map(([id, fingerprint, time]) => [id, fingerprint >>> 0, time]);
    const rows: [string, number, number][] = [];
    let index = this.head;
    for (const [id, fingerprint] of this.fingerprints!) rows.push([id, fingerprint >>> 0, this.times[index++]!]);
    return rows;
  }

  static fromJSON(rows: [string, number, number][]): DedupeWindow {
    const window = new DedupeWindow();
    for (const [id, fingerprint, time] of rows) window.remember(id, fingerprint, time);
    return window;
  }

  /** The Map form, rebuilt from the frozen lines if need be. */
  private thaw(): Map<string, number> {
    if (this.fingerprints) return this.fingerprints;
    const fingerprints = new Map<string, number>();
    const times: number[] = [];
    for (const [id, fingerprint, time] of rowsOf(this.frozen!)) {
      fingerprints.set(id, fingerprint);
      times.push(time);
    }
    this.fingerprints = fingerprints;
    this.times = times;
    this.frozen = null;
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

/** The frozen lines as rows: id, fingerprint | 0, time (a lone line break: none). */
function rowsOf(frozen: string): [string, number, number][] {
  if (frozen.length === 1) return [];
  let time = 0;
  return frozen
    .slice(1, -1)
    .split(LINE)
    .map((line) => {
      const [id, fingerprint, step] = line.split(FIELD) as [string, string, string];
      time += Number.parseInt(step, RADIX);
      return [id, Number.parseInt(fingerprint, RADIX), time];
    });
}

/** The fingerprint on the line of `id`, unsigned, or undefined (a frozen window holds no id with a line break or a tab). */
function frozenFingerprintOf(frozen: string, id: string): number | undefined {
  if (id.includes(LINE) || id.includes(FIELD)) return undefined;
  const at = frozen.indexOf(LINE + id + FIELD);
  if (at < 0) return undefined;
  const from = at + id.length + 2;
  return Number.parseInt(frozen.slice(from, frozen.indexOf(FIELD, from)), RADIX) >>> 0;
}

/** The time on the first frozen line (a step from 0), or undefined when there is none. */
function oldestFrozenTime(frozen: string): number | undefined {
  if (frozen.length === 1) return undefined;
  const from = frozen.indexOf(FIELD, frozen.indexOf(FIELD, 1) + 1) + 1;
  return Number.parseInt(frozen.slice(from, frozen.indexOf(LINE, from)), RADIX);
}
