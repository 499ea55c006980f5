// The checkpoint policy: due after `every` deliveries folded or once asked for, due until taken,
// and what it takes is the engine's changes through the position the projector names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineCheckpoint } from '../../../src/engine/checkpoints.js';
import { CheckpointPolicy } from '../../../src/store/policies/checkpointPolicy.js';
import { propertyRuns } from '../../support/propertyRuns.js';

const changes = { serial: 4, full: false } as EngineCheckpoint;
const engine = { checkpoint: () => changes };

/** A policy after `folds` deliveries folded. */
function givenFolded(every: number, folds: number): CheckpointPolicy {
  const policy = new CheckpointPolicy(every);
  for (let fold = 0; fold < folds; fold++) policy.folded();
  return policy;
}

describe('the checkpoint policy', () => {
  it('given fewer deliveries folded than `every`, then none is due; when the `every`-th is folded, then one is', () => {
    const policy = givenFolded(3, 2);
    expect(policy.due).toBe(false);
    expect(policy.folded()).toBe(true);
  });

  it('given one due, when it is taken through a position, then it covers that position with the engine\u2019s changes, and counting starts again', () => {
    const policy = givenFolded(3, 3);
    expect(policy.take(7, 42, engine)).toEqual({ seq: 7, takenAt: 42, engine: changes });
    expect(policy.due).toBe(false);
    expect([policy.folded(), policy.folded(), policy.folded()]).toEqual([false, false, true]);
  });

  it('given one due and not taken (the projector was rebuilding), when more are folded, then it is still due', () => {
    const policy = givenFolded(3, 3);
    expect([policy.folded(), policy.folded()]).toEqual([true, true]);
  });

  it('given one asked for, then it is due whatever the count, until taken', () => {
    const policy = givenFolded(1_000, 1);
    policy.ask();
    expect(policy.due).toBe(true);
    expect(policy.folded()).toBe(true);
    policy.take(2, 0, engine);
    expect(policy.due).toBe(false);
  });

  it('is due exactly when asked for, or `every` deliveries were folded, since the last taken (any steps)', () => {
    const step = fc.constantFrom('fold', 'ask', 'take');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(step, { maxLength: 40 }), (every, steps) => {
        const policy = new CheckpointPolicy(every);
        // What the steps mean: a count and a flag since the last take.
        let folds = 0;
        let asked = false;
        for (const [index, name] of steps.entries()) {
          if (name === 'fold') {
            folds++;
            policy.folded();
          } else if (name === 'ask') {
            asked = true;
            policy.ask();
          } else {
            expect(policy.take(index, 0, engine).seq).toBe(index);
            folds = 0;
            asked = false;
          }
          expect(policy.due).toBe(asked || folds >= every);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
