// The oracle is only independent if it is written apart from what it checks: its model and its
// facts may name the public state names (src/events/states.ts) and nothing else of the engine —
// no machine, no adapter or mapping, no ledger.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const importsOf = (file: string): string[] =>
  [...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]!);

describe('the independent oracle', () => {
  it.each(['./expectedStates.ts', './facts.ts', './workPaths.ts'])('%s imports nothing of the engine but the state names', (file) => {
    const allowed = ['../../../src/events/states.js', '../../../examples/disorder.js', './facts.js', './workPaths.js'];
    expect(importsOf(file).filter((source) => !allowed.includes(source))).toEqual([]);
  });
});
