// Mutation testing: `npm run mutate` (not part of `npm test`; see test/README.md for the latest
// scores and the survivors kept on purpose). One mutant at a time (2 shared cores), each against
// the tests that cover it (per-test coverage), and incremental: a re-run after a small change
// tests only the mutants whose code or covering tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'machines/**/*.ts',
    'src/ledger/**/*.ts',
    'src/engine/**/*.ts',
    'src/sources/{webex,webex-sdk,vonage,8x8,telax}/{mapping,adapter}.ts',
  ],
  concurrency: 1,
  // A static mutant (in code run once as a module loads: the machines' definitions) is never
  // active here: the tests keep their modules loaded between mutants (vitest.mutate.config.ts),
  // so it would show as a survivor it is not. Left out, and said so in test/README.md.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  thresholds: { high: 85, low: 75, break: null },
  tempDirName: '.stryker-tmp',
  // Not the sandboxes of other runs (a per-directory run beside this one: test/README.md).
  ignorePatterns: ['/.stryker-*'],
  cleanTempDir: 'always',
};
