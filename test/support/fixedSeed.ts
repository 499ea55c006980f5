// Setup of the mutation run (vitest.mutate.config.ts): every property draws the same cases on
// every run, so that a mutant killed once is killed again, and a survivor stays one.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20_261_102 });
