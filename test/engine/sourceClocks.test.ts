// One clock per source (DESIGN §4.8): the newest trusted event time, moved by a step only once
// the next delivery confirms it, never by one outlier; what is due for a sweep; kept as JSON.
import { describe, expect, it } from 'vitest';
import { SourceClocks } from '../../src/engine/sourceClocks.js';

const SKEW = 100;

/** Clocks that took these deliveries' newest times from webex, in order. */
function given(...times: number[]): SourceClocks {
  const clocks = new SourceClocks(SKEW);
  for (const time of times) clocks.advance('webex', time);
  return clocks;
}

describe('source clocks', () => {
  it('given no delivery, or no source, then there is no watermark', () => {
    expect(given().watermark('webex')).toBeUndefined();
    expect(given(1_000, 1_010).watermark(null)).toBeUndefined();
    expect(given(1_000, 1_010).watermark('vonage')).toBeUndefined();
  });

  it('given a first delivery, then it is a step; the second confirms it and moves the clock', () => {
    expect(given(1_000).watermark('webex')).toBeUndefined();
    expect(given(1_000, 1_010).watermark('webex')).toBe(1_010);
    // Confirmed by one no earlier than the step minus the skew: the clock takes the smaller.
    expect(given(1_000, 900).watermark('webex')).toBe(900);
    // One earlier than that contradicts the step: dropped, and the later one is the new step.
    expect(given(1_000, 899).watermark('webex')).toBeUndefined();
    expect(given(1_000, 899, 899).watermark('webex')).toBe(899);
  });

  it('moves within the skew at once, never back, and takes a step beyond it only once confirmed', () => {
    const clocks = given(1_000, 1_000);
    clocks.advance('webex', 1_100);
    expect(clocks.watermark('webex')).toBe(1_100);
    clocks.advance('webex', 1_050);
    expect(clocks.watermark('webex')).toBe(1_100);
    clocks.advance('webex', 1_201);
    expect(clocks.watermark('webex')).toBe(1_100);
    clocks.advance('webex', 1_101);
    expect(clocks.watermark('webex')).toBe(1_101);
    clocks.advance('webex', 1_202);
    clocks.advance('webex', 1_300);
    expect(clocks.watermark('webex')).toBe(1_300);
  });

  it('tells an event stamped more than the skew ahead of its receive time, and only with one', () => {
    const clocks = given();
    expect(clocks.isSkewed(1_100, 1_000)).toBe(false);
    expect(clocks.isSkewed(1_101, 1_000)).toBe(true);
    expect(clocks.isSkewed(1_000_000, undefined)).toBe(false);
  });

  it('is due for a sweep once its watermark moved `every` ms since the last, counted from its first watermark', () => {
    const clocks = given(1_000, 1_000);
    expect(clocks.due('sweptAt', 50)).toBeUndefined();
    clocks.advance('webex', 1_049);
    expect(clocks.due('sweptAt', 50)).toBeUndefined();
    clocks.advance('webex', 1_050);
    expect(clocks.due('sweptAt', 50)).toEqual(new Set(['webex']));
    expect(clocks.due('sweptAt', 50)).toBeUndefined();
    // Each kind keeps its own mark.
    expect(clocks.due('expiredAt', 50)).toEqual(new Set(['webex']));
    // A source with no watermark yet is never due.
    clocks.advance('vonage', 5_000);
    expect(clocks.due('expiredAt', 0)).toEqual(new Set(['webex']));
  });

  it('round-trips as JSON, and its JSON is a copy', () => {
    const clocks = given(1_000, 1_010);
    clocks.advance('webex', 2_000);
    const json = clocks.toJSON();
    expect(json).toEqual({ webex: { watermark: 1_010, step: 2_000, sweptAt: 1_000, expiredAt: 1_000 } });
    json.webex!.watermark = 0;
    expect(clocks.watermark('webex')).toBe(1_010);
    const restored = new SourceClocks(SKEW, clocks.toJSON());
    restored.advance('webex', 1_990);
    expect(restored.watermark('webex')).toBe(1_990);
  });
});
