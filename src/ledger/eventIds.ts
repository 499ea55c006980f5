// Dedupe for one entity (DESIGN §4.1): the ids it has seen, each with its event's fingerprint, to
// tell a duplicate (same id, same content) from a conflict (same id, other content). Ids of events
// in the timeline are held exactly; ids of compacted and late events move to the dedupe window,
// which forgets them after the window (24 h of event time by default).
import { DedupeWindow } from './dedupeWindow.js';
import type { TimelineEntry } from './foldTimeline.js';

export type Sighting = 'new' | 'duplicate' | 'conflict';

interface Remembered {
  event: { id: string; time: number };
  fingerprint: number;
}

export class EventIds {
  /** Ids of the events in the timeline → fingerprint; none while the timeline is empty and frozen. */
  private held: Map<string, number> | undefined = new Map();
  private window = new DedupeWindow();

  /** Whether an event with this id and fingerprint was seen before, and if so with what content. */
  sighting(id: string, fingerprint: number): Sighting {
    const known = this.held?.get(id) ?? this.window.fingerprintOf(id);
    if (known === undefined) return 'new';
    // Held as given, the window's unsigned: compared as int32.
    return (known | 0) === (fingerprint | 0) ? 'duplicate' : 'conflict';
  }

  /** An event placed in the timeline. */
  hold(id: string, fingerprint: number): void {
    (this.held ??= new Map()).set(id, fingerprint);
  }

  /** Entries that left the timeline (compacted): the ids of their events go to the window. */
  release(entries: readonly TimelineEntry[]): void {
    for (const entry of entries) {
      if (entry.kind !== 'event') continue;
      this.held?.delete(entry.event.id);
      this.window.remember(entry.event.id, entry.fingerprint, entry.event.time);
    }
  }

  /** An event that was never placed (late): its id goes straight to the window. */
  remember({ event, fingerprint }: Remembered): void {
    this.window.remember(event.id, fingerprint, event.time);
  }

  /** Forgets window ids of events older than `before`; whether it forgot any. */
  expire(before: number): boolean {
    return this.window.expire(before);
  }

  /** The entity went quiet (its timeline is empty): its window takes its compact form, and the empty held Map goes. */
  // Stryker disable next-line BlockStatement: equivalent, memory form (test/README.md)
  freeze(): void {
    if (this.held?.size === 0) this.held = undefined;
    this.window.freeze();
  }

  clear(): void {
    this.held = undefined;
    this.window = new DedupeWindow();
  }

  /** The window's rows (held ids are persisted with their events). */
  windowRows(): [string, number, number][] {
    return this.window.toJSON();
  }

  restoreWindow(rows: [string, number, number][]): void {
    this.window = DedupeWindow.fromJSON(rows);
  }
}
