// The PostgreSQL suites' entry: `describeWithPostgres` gives each suite a database of its own, on
// `DATABASE_URL` when it is set (your own PostgreSQL; the role needs CREATEDB) or else on the
// run's throwaway cluster. Where there is no PostgreSQL the suite says so loudly and is skipped,
// unless CONTACTSTATE_REQUIRE_POSTGRES is set (.ci/run sets it): then the missing server fails it.
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { clusterUnavailable } from './cluster.js';
import { createDatabase, dropDatabase } from './databases.js';
import { sharedClusterUrl } from './sharedCluster.js';

export interface TestDatabase {
  /** The suite's own database (set once the suite's beforeAll has run). */
  readonly url: string;
  /** A server URL to create further databases on (the fault tests' nodes share the suite's). */
  readonly serverUrl: string;
}

/** What a PostgreSQL suite does here: run, or (without PostgreSQL) skip loudly or fail. */
export type SuiteVerdict = { run: true } | { run: false; fail: boolean; missing: string };

export function suiteVerdict(options: PostgresSuiteOptions = {}, env: NodeJS.ProcessEnv = process.env): SuiteVerdict {
  // A suite that starts its own server needs the binaries even when DATABASE_URL is set.
  const missing = options.ownServer || !env['DATABASE_URL'] ? clusterUnavailable(env) : undefined;
  if (!missing) return { run: true };
  return { run: false, fail: /^(1|true|yes|on)$/i.test(env['CONTACTSTATE_REQUIRE_POSTGRES'] ?? ''), missing };
}

/** Where databases are created: DATABASE_URL, or the run's shared cluster. */
async function testServerUrl(): Promise<string> {
  return process.env['DATABASE_URL'] ?? sharedClusterUrl(inject('postgresRunDir'));
}

export interface PostgresSuiteOptions {
  /** The suite starts (and stops) a server of its own: it needs the binaries, DATABASE_URL or not. */
  ownServer?: boolean;
}

export function describeWithPostgres(name: string, body: (database: TestDatabase) => void, options: PostgresSuiteOptions = {}): void {
  const verdict = suiteVerdict(options);
  if (!verdict.run && verdict.fail) {
    describe(name, () => {
      it('needs PostgreSQL (CONTACTSTATE_REQUIRE_POSTGRES is set)', () => {
        throw new Error(`PostgreSQL is required here and cannot be had: ${verdict.missing}`);
      });
    });
    return;
  }
  if (!verdict.run) {
    console.warn(
      `\n${'!'.repeat(100)}\n!! SKIPPED "${name}": no PostgreSQL (${verdict.missing}).\n` +
        `!! Install PostgreSQL (Debian: apt-get install postgresql) or set DATABASE_URL to run it.\n${'!'.repeat(100)}\n`,
    );
    describe.skip(name, () => body({ url: '', serverUrl: '' }));
    return;
  }
  const database = { url: '', serverUrl: '' };
  if (options.ownServer) {
    describe(name, () => body(database));
    return;
  }
  describe(name, () => {
    beforeAll(async () => {
      database.serverUrl = await testServerUrl();
      database.url = await createDatabase(database.serverUrl);
    }, 120_000);
    afterAll(async () => {
      if (database.url) await dropDatabase(database.serverUrl, database.url);
    });
    body(database);
  });
}
