// Ids of compacted events, kept for the dedupe window (default 24 h of event time) so that a
// vendor retrying for hours is still recognised as sending a duplicate, not a late event.
// Entries arrive in fold order, so expiry walks from the oldest.
//
// Compact form, because a closed task keeps nothing else for a day: id → fingerprint in a Map
// (the fingerprint stored as an int32, which V8 keeps unboxed, where a uint32 above 2^31 would be a
// heap number), and the event times in a plain number array (unboxed doubles) in the Map's
// insertion order. About 80 bytes an id instead of 130 with an object per id.

export class DedupeWindow {
  /** id → fingerprint | 0, in the order remembered. */
  private readonly fingerprints = new Map<string, number>();
  /** Event time of each id in `fingerprints`, same order, from `head` on (earlier ones expired). */
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.fingerprints.size;
  }

  fingerprintOf(id: string): number | undefined {
    const stored = this.fingerprints.get(id);
    return stored === undefined ? undefined : stored >>> 0;
  }

  remember(id: string, fingerprint: number, time: number): void {
    if (this.fingerprints.has(id)) {
      // A Map keeps a re-set key in its place: update its time there (the ledger never does this).
      this.fingerprints.set(id, fingerprint | 0);
      this.times[this.head + this.positionOf(id)] = time;
      return;
    }
    this.fingerprints.set(id, fingerprint | 0);
    this.times.push(time);
  }

  /** Forgets ids of events older than `before`, from the oldest, up to the first that is not. */
  expire(before: number): void {
    if (this.head >= this.times.length || this.times[this.head]! >= before) return;
    const ids = this.fingerprints.keys();
    while (this.head < this.times.length && this.times[this.head]! < before) {
      this.fingerprints.delete(ids.next().value!);
      this.head++;
    }
    if (this.head === this.times.length) {
      this.times = [];
      this.head = 0;
    } else if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  toJSON(): [string, number, number][] {
    const rows: [string, number, number][] = [];
    let index = this.head;
    for (const [id, fingerprint] of this.fingerprints) rows.push([id, fingerprint >>> 0, this.times[index++]!]);
    return rows;
  }

  static fromJSON(rows: [string, number, number][]): DedupeWindow {
    const window = new DedupeWindow();
    for (const [id, fingerprint, time] of rows) window.remember(id, fingerprint, time);
    return window;
  }

  private positionOf(id: string): number {
    let position = 0;
    for (const key of this.fingerprints.keys()) {
      if (key === id) return position;
      position++;
    }
    return -1;
  }
}
