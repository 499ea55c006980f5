// One clock per source (DESIGN §4.8): the newest event time it has sent, which drives compaction,
// retention and dedupe expiry of its entities. Vendors' clocks differ, so each source keeps its own,
// and no single event may break one:
// - the engine never offers it a conflict, a duplicate or a late event, nor an event stamped more
//   than `maxFutureSkewMs` ahead of the time it was received (when the receive time is known);
// - a step of more than `maxFutureSkewMs` is taken only once the next delivery confirms it (its
//   time is no earlier than the step minus `maxFutureSkewMs`); a step the next delivery contradicts
//   is dropped. So one outlier stamped a day ahead never moves the clock, with or without a receive
//   time, while a source that went quiet overnight, or sends an event every ten minutes, moves on
//   one delivery later. A source's first delivery is such a step: the second one sets the clock.
import type { SourceId } from '../events/canonical.js';

export interface SourceClock {
  /** The newest trusted event time of the source; null until a second delivery confirmed one. */
  watermark: number | null;
  /** A step ahead of the watermark waiting for the next delivery to confirm it. */
  step: number | null;
  /** The watermark at the last sweep: restored, so a restored engine sweeps when the original would. */
  sweptAt: number | null;
  /** The watermark when quiet ledgers' dedupe ids were last expired (restored, likewise). */
  expiredAt: number | null;
}

export type SourceClocksSnapshot = Partial<Record<SourceId, SourceClock>>;

export class SourceClocks {
  private readonly clocks: SourceClocksSnapshot;

  constructor(
    private readonly maxFutureSkewMs: number,
    saved: SourceClocksSnapshot = {},
  ) {
    this.clocks = structuredClone(saved);
  }

  /** The source's watermark, or undefined while it has none. */
  watermark(source: SourceId | null): number | undefined {
    return (source && this.clocks[source]?.watermark) ?? undefined;
  }

  /** The newest watermark of any source, or undefined while none has one. */
  newest(): number | undefined {
    let newest: number | undefined;
    for (const source in this.clocks) {
      const watermark = this.clocks[source as SourceId]!.watermark;
      if (watermark !== null && (newest === undefined || watermark > newest)) newest = watermark;
    }
    return newest;
  }

  /** Whether an event stamped `time` is too far ahead of its receive time to move its source's clock. */
  isSkewed(time: number, receivedAt: number | undefined): boolean {
    return receivedAt !== undefined && time - receivedAt > this.maxFutureSkewMs;
  }

  /** One delivery's newest trusted event time. */
  advance(source: SourceId, time: number): void {
    const clock = (this.clocks[source] ??= { watermark: null, step: null, sweptAt: null, expiredAt: null });
    const skew = this.maxFutureSkewMs;
    if (clock.step !== null) {
      if (time >= clock.step - skew) this.moveTo(clock, Math.min(clock.step, time));
      clock.step = null;
    }
    if (clock.watermark === null || time > clock.watermark + skew) clock.step = time;
    else this.moveTo(clock, time);
  }

  /**
   * The sources whose watermark moved `every` ms or more since their last sweep of this kind
   * (`sweptAt` or `expiredAt`), marked swept; undefined when none is due (the common case, which
   * allocates nothing: this runs for every delivery).
   */
  due(kind: 'sweptAt' | 'expiredAt', every: number): Set<SourceId> | undefined {
    let due: Set<SourceId> | undefined;
    for (const source in this.clocks) {
      const clock = this.clocks[source as SourceId]!;
      if (clock.watermark === null || clock.watermark - clock[kind]! < every) continue;
      clock[kind] = clock.watermark;
      (due ??= new Set()).add(source as SourceId);
    }
    return due;
  }

  toJSON(): SourceClocksSnapshot {
    return structuredClone(this.clocks);
  }

  private moveTo(clock: SourceClock, time: number): void {
    if (clock.watermark === null) {
      clock.sweptAt = time;
      clock.expiredAt = time;
    }
    if (clock.watermark === null || time > clock.watermark) clock.watermark = time;
  }
}
