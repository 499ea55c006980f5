// The content fingerprint that tells a duplicate from a conflict: equal for events JSON calls
// equal, different for events whose JSON differs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { fingerprint } from '../../src/ledger/fingerprint.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { taskEvent } from '../support/canonical.js';

const of = (content: unknown) => fingerprint(content as CanonicalEvent);

describe('event fingerprint', () => {
  it('is a 32-bit unsigned integer, the same for the same content built twice', () => {
    const event = taskEvent({ type: 'task.connected', agentJoined: 'a1' }, { id: 'x', time: 1_763_000_000_123 });
    expect(of(event)).toBe(of(JSON.parse(JSON.stringify(event))));
    expect(Number.isInteger(of(event)) && of(event) >= 0 && of(event) < 2 ** 32).toBe(true);
  });

  it.each([
    ['a string and a number', { a: '1' }, { a: 1 }],
    ['an empty object and an empty array', { a: {} }, { a: [] }],
    ['a value moved between adjacent strings', ['ab', 'c'], ['a', 'bc']],
    ['a value moved out of a nested object', { a: { b: 1 }, c: 2 }, { a: { b: 1, c: 2 } }],
    ['times a millisecond apart', { time: 1_763_000_000_123 }, { time: 1_763_000_000_124 }],
    ['times 2^32 ms apart', { time: 1_763_000_000_123 }, { time: 1_763_000_000_123 + 2 ** 32 }],
    ['true and false', { a: true }, { a: false }],
    ['null and a missing key', { a: null }, {}],
    ['fractions', { a: 0.5 }, { a: 0.25 }],
  ])('tells %s apart', (_name, left, right) => {
    expect(of(left)).not.toBe(of(right));
  });

  it('skips undefined fields, as JSON does', () => {
    expect(of({ a: 1, b: undefined })).toBe(of({ a: 1 }));
  });

  it('property: content whose JSON differs gets a different fingerprint, equal JSON the same one', () => {
    const content = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(content, content, (left, right) => {
        const sameJson = JSON.stringify(left) === JSON.stringify(right);
        // -0 and 0 have one JSON text but fast-check keeps them apart: compare through JSON.
        const [a, b] = [JSON.parse(JSON.stringify(left)), JSON.parse(JSON.stringify(right))];
        expect(of(a) === of(b)).toBe(sameJson);
      }),
      { numRuns: propertyRuns(2_000) },
    );
  });
});
