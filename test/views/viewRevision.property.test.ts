// A view's revision (src/views/viewRevision.ts) against immer itself: the patches are the ones
// immer's produceWithPatches gives when every field of the next view is assigned into a draft,
// applying them with immer's applyPatches gives the next view, unchanged parts are shared, and
// the result is deep-frozen.
import fc from 'fast-check';
import { applyPatches, enablePatches, type Patch, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { frozenCopy, revised } from '../../src/views/viewRevision.js';
import { propertyRuns } from '../support/propertyRuns.js';

enablePatches();

type Json = null | string | number | Json[] | { [key: string]: Json };

// Small domains, so that equal and nearly equal values (the common case of a view) are frequent.
const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Json>(null, 'a', 'b', 0, 1),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('k1', 'k2', 'k3'), tie('json'), { maxKeys: 3 }),
  ),
}));
const view = fc.dictionary(fc.constantFrom('state', 'agents', 'durations', 'attributes'), json, { maxKeys: 4 });
/** A view and a next one that mostly equals it: each field kept, changed or dropped, some added. */
const viewAndNext = view.chain((previous) =>
  fc.tuple(
    fc.constant(previous),
    fc.tuple(view, fc.dictionary(fc.constantFrom('state', 'agents', 'durations', 'attributes'), fc.constantFrom('keep', 'other', 'drop'))).map(
      ([other, choice]) => {
        const next: Record<string, Json> = {};
        for (const key of new Set([...Object.keys(previous), ...Object.keys(other)])) {
          const pick = choice[key] ?? 'keep';
          const value = pick === 'keep' && key in previous ? previous[key]! : other[key];
          if (pick !== 'drop' && value !== undefined) next[key] = structuredClone(value);
        }
        return next;
      },
    ),
  ),
);

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The naive recipe: assign every field of `next`, recursing into containers of the same kind. */
function assignEverything(draft: Record<string, unknown>, next: Record<string, unknown>): void {
  for (const key of Object.keys(next)) {
    const here = draft[key];
    const there = next[key];
    if (isContainer(here) && isContainer(there) && Array.isArray(here) === Array.isArray(there)) assignEverything(here, there);
    else draft[key] = there;
  }
  if (Array.isArray(draft)) (draft as unknown[]).length = (next as unknown as unknown[]).length;
  else for (const key of Object.keys(draft)) if (!(key in next)) delete draft[key];
}

const sorted = (patches: Patch[]) => patches.map((patch) => JSON.stringify(patch)).sort();

function expectDeepFrozen(value: unknown): void {
  if (!isContainer(value)) return;
  expect(Object.isFrozen(value)).toBe(true);
  for (const child of Object.values(value)) expectDeepFrozen(child);
}

describe('a view revised into the next one', () => {
  it('gives the patches immer gives, which turn the previous view into the next', () => {
    fc.assert(
      fc.property(viewAndNext, ([previous, next]) => {
        const base = frozenCopy(previous);
        const patches: Patch[] = [];
        const result = revised(base, next, ['tasks', 't1'], patches);
        const [, immerPatches] = produceWithPatches(base, (draft) => assignEverything(draft as Record<string, unknown>, next));
        expect(sorted(patches)).toEqual(sorted(immerPatches.map((patch) => ({ ...patch, path: ['tasks', 't1', ...patch.path] })) as Patch[]));
        // Equal as JSON text: the keys in the next view's order too.
        expect(JSON.stringify(result)).toBe(JSON.stringify(next));
        expect(applyPatches({ tasks: { t1: base } }, patches)).toEqual({ tasks: { t1: next } });
        expect(base).toEqual(previous);
        expectDeepFrozen(result);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('shares every unchanged part with the previous view, and is the previous view when nothing changed', () => {
    fc.assert(
      fc.property(viewAndNext, ([previous, next]) => {
        const base = frozenCopy(previous);
        const result = revised(base, next, [], []);
        for (const [key, value] of Object.entries(result)) {
          if (isContainer(value) && JSON.stringify(value) === JSON.stringify(base[key])) expect(value).toBe(base[key]);
        }
        expect(revised(base, structuredClone(previous), [], [])).toBe(base);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('copies what it adds: the next view stays the caller’s, unfrozen', () => {
    const next: { captures: string[]; durations?: { talkMs: number } } = { captures: ['c1'], durations: { talkMs: 5 } };
    const result = revised<typeof next>({ captures: [] }, next, [], []);
    expect(Object.isFrozen(next.captures) || Object.isFrozen(next.durations)).toBe(false);
    expect(result.captures).not.toBe(next.captures);
  });
});
