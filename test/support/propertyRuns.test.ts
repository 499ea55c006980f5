// PROPERTY_RUNS: a positive integer, or the run stops with a message that says so.
import { describe, expect, it } from 'vitest';
import { parsePropertyRuns } from './propertyRuns.js';

describe('PROPERTY_RUNS', () => {
  it('defaults to each property’s own runs when unset', () => {
    expect(parsePropertyRuns(undefined, 300)).toBe(300);
  });

  it('asks for that many runs when a positive integer', () => {
    expect(parsePropertyRuns('1', 300)).toBe(1);
    expect(parsePropertyRuns('100000', 300)).toBe(100_000);
  });

  it.each(['', ' ', '0', '-5', '1.5', '1e3', '10 ', 'many', '007'])('stops the run when set to %j', (value) => {
    expect(() => parsePropertyRuns(value, 300)).toThrow(/PROPERTY_RUNS must be a positive integer/);
  });
});
