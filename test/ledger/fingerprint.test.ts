// The content fingerprint that tells a duplicate from a conflict: equal for events JSON calls
// equal, different for events whose JSON differs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_SNAPSHOT_VERSION } from '../../src/engine/engineTypes.js';
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
    ['null and an empty object', { a: null }, { a: {} }],
    ['one-character strings', { a: 'x' }, { a: 'y' }],
    ['the second character of a pair', { a: 'ab' }, { a: 'ac' }],
    ['the last character of a string of odd length', { a: 'abc' }, { a: 'abd' }],
    ['fractions', { a: 0.5 }, { a: 0.25 }],
  ])('tells %s apart', (_name, left, right) => {
    expect(of(left)).not.toBe(of(right));
  });

  it('is what snapshots of this version hold: another walk needs another ENGINE_SNAPSHOT_VERSION', () => {
    // Engine snapshots persist fingerprints: restored with other ones, every redelivery would be a conflict.
    expect(ENGINE_SNAPSHOT_VERSION).toBe(4);
    const held: [string, unknown, number][] = [
      ['an empty string', '', 3950255460],
      ['a one-character string', 'a', 1908057250],
      ['a string of even length', 'ab', 1290576655],
      ['a string of odd length', 'abc', 1164976717],
      ['a safe integer above 2^32', 1_763_000_000_123, 1420807680],
      ['a negative integer', -7, 2709250641],
      ['a fraction', 0.5, 7210263],
      ['true, false and null', [true, false, null], 1867272139],
      ['a nested object', { a: { b: [1, 'x'] }, c: {} }, 1018800044],
    ];
    expect(held.map(([name, content]) => [name, of(content)])).toEqual(held.map(([name, , fingerprint]) => [name, fingerprint]));
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
