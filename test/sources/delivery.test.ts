import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8LongerThan } from '../../src/sources/delivery.js';

describe('utf8LongerThan', () => {
  it('answers as counting the bytes does, for any text and limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(130), (text, limit) => {
        expect(utf8LongerThan(text, limit)).toBe(Buffer.byteLength(text) > limit);
      }),
      { numRuns: 10_000 },
    );
  });

  it('counts multi-byte characters and lone surrogates as UTF-8 does', () => {
    expect(utf8LongerThan('€€', 5)).toBe(true); // 6 bytes in 2 code units
    expect(utf8LongerThan('😀', 3)).toBe(true); // 4 bytes in a surrogate pair
    expect(utf8LongerThan('\ud800', 2)).toBe(true); // a lone surrogate becomes U+FFFD, 3 bytes
    expect(utf8LongerThan('€', 3)).toBe(false);
  });
});
