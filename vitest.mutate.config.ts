// The tests `npm run mutate` runs against each mutant (stryker.config.mjs): the specs of the code
// in scope (machines, ledger, engine, the adapters) and the ordering properties, with few runs
// from a fixed seed, so a mutant's fate is the same on every run. Not the receiver, store or CLI
// (child processes and disks); their own code is out of scope.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Specs before properties: a mutant stops at its first failing test, and specs fail fastest. */
class SpecsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (file: TestSpecification) => (file.moduleId.includes('.property.') ? 1 : 0);
    return [...files].sort((a, b) => weight(a) - weight(b) || (a.moduleId < b.moduleId ? -1 : 1));
  }
}

export default defineConfig({
  test: {
    include: ['test/{machines,ledger,engine,sources,property,support}/**/*.test.ts'],
    // Specs of code out of scope: delivery parsing, recognition, derived ids, compiled schemas.
    exclude: [
      'test/sources/{delivery,recognize,jsonNesting,derivedEventId,canonicalEvent}.test.ts',
      'test/sources/**/compiled*.property.test.ts',
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
