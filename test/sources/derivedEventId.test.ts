import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedEventId, stableJson } from '../../src/sources/derivedEventId.js';

/** The same value with every object's keys in reverse order. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries, not assignment: a "__proto__" key stays a key.
  return Object.fromEntries(Object.keys(value).reverse().map((key) => [key, reversed((value as Record<string, unknown>)[key])]));
};

/** JSON values, with undefined here and there: left out of objects, null in arrays. */
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('stableJson', () => {
  it('is the JSON of the value, whatever the order of its keys', () => {
    fc.assert(
      fc.property(value, (input) => {
        fc.pre(input !== undefined);
        expect(JSON.parse(stableJson(input))).toEqual(JSON.parse(JSON.stringify(input)));
        expect(stableJson(reversed(input))).toBe(stableJson(input));
      }),
      { numRuns: 2_000 },
    );
  });

  it('sorts keys by UTF-16 code units, integer-like keys included', () => {
    expect(stableJson({ b: 1, '10': 2, a: { z: 0, '2': 1 }, B: 3 })).toBe('{"10":2,"B":3,"a":{"2":1,"z":0},"b":1}');
  });

  it('keeps the text it always gave for what JSON has no text for (ids are stored)', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is one of the cases
    expect(stableJson([1, , undefined, () => 1, Symbol('s')])).toBe('[1,,null,null,null]');
    expect(stableJson({ b: new Date(0), a: new Map([[1, 2]]), c: () => 1, d: undefined })).toBe('{"a":{},"b":{},"c":null}');
  });
});

describe('derivedEventId', () => {
  it('gives the ids it gave before (a redelivery after an upgrade is still a duplicate)', () => {
    const sdk = { event: 'task:assigned', payload: { interactionId: 'i1', b: [1, { z: 1, a: null, u: undefined }], a: 'é😀' } };
    expect(derivedEventId('webex-sdk', sdk)).toBe('webex-sdk:uClGziOewoJs5QtZAnsSOXMKcKu');
    expect(derivedEventId('8x8', { type: 'QUEUED', conversationId: 'c1', timestamp: 1700000000000 })).toBe('8x8:vOLKAMOY1JvmVY8WIMy4FuPUr66');
  });
});
