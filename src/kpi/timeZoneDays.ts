// Days in an IANA time zone, with Intl only: where the day holding an instant starts and ends.
// Every zone's offset today is a whole number of quarter hours, so a day is a whole number of
// 15-minute buckets (23, 24 or 25 hours of them around a daylight-saving change).
export const BUCKET_MS = 15 * 60_000;
const HOUR = 60 * 60_000;

/** The start of the 15-minute bucket holding `time` (buckets start on the quarter hour, UTC). */
export const bucketOf = (time: number): number => Math.floor(time / BUCKET_MS) * BUCKET_MS;

export class TimeZoneDays {
  private readonly format: Intl.DateTimeFormat;
  /** The last day asked about, [start, next): most asks fall in it, and Intl is slow. */
  private day = { start: 0, next: 0 };

  constructor(readonly timeZone: string) {
    this.format = formatOf(timeZone);
  }

  /** The instant the day holding `time` starts (local midnight, or the first instant after it). */
  dayStart(time: number): number {
    return this.dayOf(time).start;
  }

  /** The start of the next day. */
  nextDayStart(time: number): number {
    return this.dayOf(time).next;
  }

  private dayOf(time: number): { start: number; next: number } {
    if (time < this.day.start || time >= this.day.next) {
      const start = this.startOf(time);
      this.day = { start, next: this.startOf(start + 26 * HOUR) };
    }
    return this.day;
  }

  private startOf(time: number): number {
    const { year, month, day } = this.localParts(time);
    const midnightAsUtc = Date.UTC(year, month - 1, day);
    // Local midnight is midnight-as-UTC minus the offset; the offset at midnight may differ from
    // the one at `time` (a change during the day), so settle it from the first guess.
    let start = midnightAsUtc - this.offsetAt(time);
    start = midnightAsUtc - this.offsetAt(start);
    // A zone that skips midnight (a change at 00:00) starts its day at the first instant after it.
    return this.localParts(start).day === day ? start : start + HOUR;
  }

  /** The local time minus UTC at `time`, ms. */
  private offsetAt(time: number): number {
    const { year, month, day, hour, minute, second } = this.localParts(time);
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
    return asUtc - (time - (((time % 1000) + 1000) % 1000));
  }

  private localParts(time: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
    const parts: Record<string, number> = {};
    for (const { type, value } of this.format.formatToParts(time)) if (type !== 'literal') parts[type] = Number(value);
    return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  }
}

/** One format per zone for the process (building one is slow); as many as the zones configured. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether this runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    formatOf(zone);
    return true;
  } catch {
    return false;
  }
}
