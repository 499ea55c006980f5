// Ids of compacted events, kept for the dedupe window (default 24 h of event time) so that a
// vendor retrying for hours is still recognised as sending a duplicate, not a late event.
// Compact form: id → fingerprint and event time; entries arrive in fold order, so expiry
// walks from the oldest.

export class DedupeWindow {
  private readonly seen = new Map<string, { fingerprint: number; time: number }>();

  get size(): number {
    return this.seen.size;
  }

  fingerprintOf(id: string): number | undefined {
    return this.seen.get(id)?.fingerprint;
  }

  remember(id: string, fingerprint: number, time: number): void {
    this.seen.set(id, { fingerprint, time });
  }

  /** Forgets ids of events older than `before`. */
  expire(before: number): void {
    for (const [id, { time }] of this.seen) {
      if (time >= before) return;
      this.seen.delete(id);
    }
  }

  toJSON(): [string, number, number][] {
    return [...this.seen].map(([id, { fingerprint, time }]) => [id, fingerprint, time]);
  }

  static fromJSON(rows: [string, number, number][]): DedupeWindow {
    const window = new DedupeWindow();
    for (const [id, fingerprint, time] of rows) window.remember(id, fingerprint, time);
    return window;
  }
}
