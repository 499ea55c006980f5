// The tests `npm run mutate` runs against each mutant (stryker.config.mjs): the specs of the code
// in scope (machines, ledger, engine, the adapters) and the ordering properties, with few runs
// from a fixed seed, so a mutant's fate is the same on every run. Not the receiver, store or CLI
// (child processes and disks); their own code is out of scope.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Tests that fold whole feeds many times over. */
const SLOW = ['.property.'];

/** Quick specs first: a mutant stops at its first failing test, and the quick specs fail fastest. */
class SpecsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (file: TestSpecification) => (SLOW.some((slow) => file.moduleId.includes(slow)) ? 1 : 0);
    return [...files].sort((a, b) => weight(a) - weight(b) || (a.moduleId < b.moduleId ? -1 : 1));
  }
}

export default defineConfig({
  test: {
    include: [
      'test/{machines,ledger,engine,sources,property,support}/**/*.test.ts',
      // The ledger's notes to an inspector (refold, reconcile, restore, rebuild) are specified there.
      'test/inspect/inspection.test.ts',
    ],
    // Specs of code out of scope: delivery parsing, recognition, derived ids, compiled schemas.
    exclude: [
      'test/sources/{delivery,recognize,jsonNesting,derivedEventId,canonicalEvent}.test.ts',
      'test/sources/**/compiled*.property.test.ts',
      // Every arrival order of up to 7 events (10 s, more than every property here together): the
      // same rule is specified in test/ledger/sameInstantOrder.test.ts, and the Telax property draws
      // such seconds against the oracle.
      'test/sources/telax/ties.test.ts',
    ],
    setupFiles: ['test/support/fixedSeed.ts'],
    // One worker that keeps its modules from file to file and run to run: importing each test
    // file's modules afresh cost several times the tests themselves, for every mutant.
    isolate: false,
    sequence: { sequencer: SpecsFirst },
    env: { PROPERTY_RUNS: '20' },
    testTimeout: 60_000,
  },
});
