import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../src/sources/jsonNesting.js';

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
