// The guards that make folding a logged delivery total: nesting measured on raw bytes, and
// snapshots that keep the engine's infinities through text.
import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../src/store/safeIngest.js';
import { decodeSnapshot, encodeSnapshot } from '../../src/store/snapshotCodec.js';

const bytes = (text: string) => Buffer.from(text);

describe('nestingDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestingDepth(bytes('1'))).toBe(0);
    expect(nestingDepth(bytes('{"a":[{"b":[]}]}'))).toBe(4);
    expect(nestingDepth(bytes('{"a":"[[[[{{{{"}'))).toBe(1);
    expect(nestingDepth(bytes('{"a":"\\"[[[["}'))).toBe(1);
  });

  it('stops counting once past the limit', () => {
    expect(nestingDepth(bytes('['.repeat(1_000_000)), 64)).toBe(65);
  });
});

describe('snapshot codec', () => {
  it('keeps Infinity, -Infinity and NaN, and leaves look-alike objects alone', () => {
    const value = { watermark: Number.NEGATIVE_INFINITY, key: { rank: Number.POSITIVE_INFINITY }, odd: Number.NaN, plain: { $nonFinite: 'x' }, n: 3 };
    const back = decodeSnapshot<typeof value>(encodeSnapshot(value));
    expect(back).toEqual(value);
  });
});
