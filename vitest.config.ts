import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run thousands of cases on shared 2-core machines: they set their own,
    // longer timeouts; this default is for everything else.
    testTimeout: 30_000,
    // Names a folder for the run's PostgreSQL, which the first suite that needs one starts.
    globalSetup: ['test/support/postgres/globalSetup.ts'],
  },
});
