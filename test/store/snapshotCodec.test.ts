// Snapshots keep the engine's non-finite numbers through text.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../src/store/snapshotCodec.js';

describe('snapshot codec', () => {
  it('keeps Infinity, -Infinity and NaN, and leaves look-alike objects alone', () => {
    const value = { watermark: Number.NEGATIVE_INFINITY, key: { rank: Number.POSITIVE_INFINITY }, odd: Number.NaN, plain: { $nonFinite: 'x' }, n: 3 };
    const back = decodeSnapshot<typeof value>(encodeSnapshot(value));
    expect(back).toEqual(value);
  });
});
