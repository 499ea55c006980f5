import { describe, expect, it } from 'vitest';
import { initialAgentContext } from '../../machines/agent.context.js';
import { initialChannelContext } from '../../machines/channel.context.js';
import { type Gap, type GapRecord, type Lifecycle, noGaps, withGapIfSkipped } from '../../machines/gaps.js';
import { initialTaskContext } from '../../machines/task.context.js';

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

  it('given entities before any gap or capture, then they share frozen empty lists, and a gap recorded is in a list of its own', () => {
    const shared = noGaps();
    const contexts = [initialTaskContext('t1'), initialTaskContext('t2'), initialAgentContext('a1'), initialChannelContext('a1/telephony')];
    expect(contexts.every((context) => context.gaps === shared)).toBe(true);
    expect([Object.isFrozen(shared), shared]).toEqual([true, []]);
    expect(initialTaskContext('t1').captures).toBe(initialTaskContext('t2').captures);
    expect(withGapIfSkipped({ gaps: noGaps<S>(), gapCount: 0 }, LIFECYCLE, skip(1)).gaps).toEqual([skip(1)]);
    expect(shared).toEqual([]);
  });
});
