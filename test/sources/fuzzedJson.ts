// Any source's JSON payload, damaged the ways a vendor or an attacker can: a field anywhere in
// the tree nulled, removed, mistyped, oversized or re-cased, an extra key, an element dropped.
import fc from 'fast-check';

/** Values a field may wrongly (or unusually but validly) hold. */
export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 1, 2, 3, 4, 8.64e15, 8.64e15 + 1, 1.5, 2 ** 53),
  fc.boolean(),
  fc.string({ maxLength: 10 }),
  fc.stringMatching(/^\d{1,18}$/),
  fc.constantFrom('x'.repeat(64), 'x'.repeat(65), 'x'.repeat(256), 'x'.repeat(257), 'x'.repeat(4096), 'x'.repeat(4097)),
  fc.constantFrom('20250304090000', '2026-03-04T09:00:00.000Z', 'yesterday', '2022-13-45T99:99:99Z'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

type Change = 'remove' | 'upperCase' | 'lowerCase' | { value: unknown } | { extraKey: string; value: unknown };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom<Change>('remove', 'upperCase', 'lowerCase'),
  strangeValue.map((value) => ({ value })),
  fc.record({ extraKey: fc.string({ maxLength: 6 }), value: strangeValue }),
);

/** Every object and array in a JSON tree, with the keys that lead into it. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
  const found: (Record<string, unknown> | unknown[])[] = [];
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    found.push(value as Record<string, unknown> | unknown[]);
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  return found;
}

function apply(root: unknown, [where, which, what]: [number, number, Change]): void {
  const all = containers(root);
  const target = all[where % all.length];
  if (!target) return;
  if (typeof what === 'object' && 'extraKey' in what) {
    if (!Array.isArray(target)) target[what.extraKey] = structuredClone(what.value);
    return;
  }
  const keys = Object.keys(target);
  if (keys.length === 0) return;
  const key = keys[which % keys.length]!;
  const fields = target as Record<string, unknown>;
  if (what === 'remove') {
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else delete fields[key];
  } else if (what === 'upperCase' || what === 'lowerCase') {
    const field = fields[key];
    if (typeof field === 'string') fields[key] = what === 'upperCase' ? field.toUpperCase() : field.toLowerCase();
  } else fields[key] = structuredClone(what.value);
}

/** The payload intact in about a third of the cases, else with one to four things wrong or odd. */
export function fuzzedJson(payloads: readonly unknown[]): fc.Arbitrary<unknown> {
  const mutation = fc.tuple(fc.nat(), fc.nat(), change);
  return fc
    .tuple(
      fc.constantFrom(...payloads),
      fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
    )
    .map(([payload, mutations]) => {
      const copy = structuredClone(payload);
      for (const each of mutations) apply(copy, each);
      return copy;
    });
}
