import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestingDepth, nestsDeeperThan } from '../../src/sources/jsonNesting.js';

describe('nestingDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(nestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(nestingDepth('{"a":"\\"[[[["}')).toBe(1);
  });

  it('stops counting once past the limit', () => {
    expect(nestingDepth('['.repeat(1_000_000), 64)).toBe(65);
  });
});

/** JSON-like text dense in brackets, quotes and escapes, deep or shallow, valid or not. */
const bracketText = fc
  .array(fc.constantFrom('{', '[', '}', ']', '"', '\\', 'a', ':', ','), { maxLength: 120 })
  .map((chars) => chars.join(''));

describe('nestsDeeperThan', () => {
  it('answers as the precise scan does, whether or not the bracket count settles it', () => {
    fc.assert(
      fc.property(fc.oneof(bracketText, fc.json({ depthSize: 'large' })), fc.nat(12), (text, limit) => {
        expect(nestsDeeperThan(text, limit)).toBe(nestingDepth(text) > limit);
      }),
      { numRuns: 5_000 },
    );
  });

  it('does not count brackets inside strings, also when there are more of them than the limit', () => {
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan('[[[', 2)).toBe(true);
    expect(nestsDeeperThan('[[]]', 2)).toBe(false);
  });
});
