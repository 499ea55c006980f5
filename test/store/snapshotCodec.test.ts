// Snapshots keep the engine's non-finite numbers through text.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../src/store/snapshotCodec.js';

describe('snapshot codec', () => {
  it('keeps Infinity, -Infinity and NaN, and leaves look-alike objects alone', () => {
    const value = { watermark: Number.NEGATIVE_INFINITY, key: { rank: Number.POSITIVE_INFINITY }, odd: Number.NaN, plain: { $nonFinite: 'x' }, n: 3 };
    const back = decodeSnapshot<typeof value>(encodeSnapshot(value));
    expect(back).toEqual(value);
  });

  it('finds them in arrays, at the top, and in what toJSON gives, and leaves the value it writes untouched', () => {
    const window = { ids: ['a'], toJSON: () => ({ ids: ['a'], until: Number.POSITIVE_INFINITY }) };
    const value = { entries: [1, Number.NEGATIVE_INFINITY, { rank: Number.NaN }], window, also: { $nonFinite: 'Infinity', note: 1 } };
    const before = structuredClone({ entries: value.entries, also: value.also });
    const back = decodeSnapshot<unknown>(encodeSnapshot(value));
    expect(back).toEqual({ entries: [1, Number.NEGATIVE_INFINITY, { rank: Number.NaN }], window: { ids: ['a'], until: Number.POSITIVE_INFINITY }, also: { $nonFinite: 'Infinity', note: 1 } });
    expect({ entries: value.entries, also: value.also }).toEqual(before);
    expect(decodeSnapshot(encodeSnapshot(Number.NEGATIVE_INFINITY))).toBe(Number.NEGATIVE_INFINITY);
    expect(decodeSnapshot(encodeSnapshot([[Number.POSITIVE_INFINITY]]))).toEqual([[Number.POSITIVE_INFINITY]]);
  });

  it('writes plain JSON where every number is finite', () => {
    const value = { a: [1, 2, { b: 'c', d: null }], e: -0, f: undefined, at: new Date(0) };
    expect(encodeSnapshot(value)).toBe(JSON.stringify(value));
  });
});
