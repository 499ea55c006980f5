import { describe, expect, it } from 'vitest';
import { type Gap, type GapRecord, type Lifecycle, withGapIfSkipped } from '../../machines/gaps.js';

type S = 'start' | 'middle' | 'end';
const LIFECYCLE: Lifecycle<S> = { start: ['middle'], middle: ['end'], end: [] };
const skip = (at: number): Gap<S> => ({ from: 'start', to: 'end', at, eventId: `e${at}` });

describe('gaps', () => {
  it('records a skip of the lifecycle, not a nominal step or an assertion of the same state', () => {
    const none: GapRecord<S> = { gaps: [], gapCount: 0 };
    expect(withGapIfSkipped(none, LIFECYCLE, { from: 'start', to: 'middle', at: 1, eventId: 'e1' })).toBe(none);
    expect(withGapIfSkipped(none, LIFECYCLE, { from: 'end', to: 'end', at: 1, eventId: 'e1' })).toBe(none);
    expect(withGapIfSkipped(none, LIFECYCLE, skip(1))).toEqual({ gaps: [skip(1)], gapCount: 1 });
  });

  it('keeps the 16 most recent gaps, oldest first, and counts every one (an entity gapping for months stays small)', () => {
    let record: GapRecord<S> = { gaps: [], gapCount: 0 };
    for (let at = 1; at <= 16; at += 1) record = withGapIfSkipped(record, LIFECYCLE, skip(at));
    expect(record.gaps.map(({ at }) => at)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
    for (let at = 17; at <= 20; at += 1) record = withGapIfSkipped(record, LIFECYCLE, skip(at));
    expect(record.gaps.map(({ at }) => at)).toEqual(Array.from({ length: 16 }, (_, index) => index + 5));
    expect(record.gapCount).toBe(20);
  });
});
