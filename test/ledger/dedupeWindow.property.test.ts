// The dedupe window against a plain list of rows (the independent expectation: an id remembered
// again keeps its place with its new fingerprint and time; expiry drops rows from the front while
// their time is before the boundary): whatever is remembered, expired and frozen in any order, the
// window answers every id's fingerprint, its rows, its size and whether an expiry forgot anything
// as the list does. Ids, fingerprints and times are drawn so that a frozen window's lines could be
// misread: ids holding line breaks and tabs, fingerprints whose base-36 digits are id characters,
// times that step backwards, are not whole numbers of ms, or are epoch-sized.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DedupeWindow } from '../../src/ledger/dedupeWindow.js';
import { propertyRuns } from '../support/propertyRuns.js';

const RUNS = propertyRuns(200);

type Row = [string, number, number];
type Action = { kind: 'remember'; row: Row } | { kind: 'expire'; before: number } | { kind: 'freeze' };

const id = fc.string({ unit: fc.constantFrom('a', 'b', '1', '\t', '\n'), maxLength: 3 });
// 1, 10, 11 are '1', 'a', 'b' in base 36; 2^31 + 10 is negative as an int32.
const fingerprint = fc.constantFrom(0, 1, 10, 11, 0x8000_000a, 0xffff_fff0);
const EPOCH = Date.UTC(2026, 10, 2);
const time = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }).map((ms) => EPOCH + ms), fc.constantFrom(2.5, -3));
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(id, fingerprint, time).map((row) => ({ kind: 'remember' as const, row })) },
  { weight: 1, arbitrary: time.map((before) => ({ kind: 'expire' as const, before })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'freeze' as const }) },
);

/** What the window should hold after `actions`, and what each expiry should answer. */
function expected(actions: Action[]): { rows: Row[]; forgot: boolean[] } {
  let rows: Row[] = [];
  const forgot: boolean[] = [];
  for (const next of actions) {
    if (next.kind === 'remember') {
      const [rememberedId] = next.row;
      const place = rows.findIndex(([held]) => held === rememberedId);
      if (place < 0) rows.push(next.row);
      else rows[place] = next.row;
    } else if (next.kind === 'expire') {
      let kept = 0;
      while (kept < rows.length && rows[kept]![2] < next.before) kept++;
      forgot.push(kept > 0);
      rows = rows.slice(kept);
    }
  }
  return { rows, forgot };
}

describe('the dedupe window against a list of rows', () => {
  it('given any remembers, expiries and freezes, then it answers ids, rows, size and expiries as the list', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), fc.array(id, { maxLength: 10 }), (actions, asked) => {
        const window = new DedupeWindow();
        const forgot: boolean[] = [];
        for (const next of actions) {
          if (next.kind === 'remember') window.remember(...next.row);
          else if (next.kind === 'expire') forgot.push(window.expire(next.before));
          else window.freeze();
        }
        const expectation = expected(actions);
        expect(forgot).toEqual(expectation.forgot);
        expect(window.toJSON()).toEqual(expectation.rows);
        expect(window.size).toBe(expectation.rows.length);
        const fingerprints = new Map(expectation.rows.map(([held, value]) => [held, value]));
        for (const candidate of [...asked, ...fingerprints.keys()]) expect(window.fingerprintOf(candidate)).toBe(fingerprints.get(candidate));
      }),
      { numRuns: RUNS },
    );
  });
});
