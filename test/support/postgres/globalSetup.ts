// vitest's global setup for the PostgreSQL suites: it only names a folder for this run. The first
// suite that needs PostgreSQL starts one cluster there (testDatabase.ts), which every suite of the
// run shares (a database each); a run with no PostgreSQL suite starts none. Teardown removes it.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeCluster } from './cluster.js';
import { SHARED_CLUSTER_FILE, type SharedCluster } from './sharedCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresRunDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'contactstate-pg-run-'));
  // The server may run as another user (root starts it as `postgres`): it must get through.
  chmodSync(runDir, 0o711);
  project.provide('postgresRunDir', runDir);
  return () => {
    const file = join(runDir, SHARED_CLUSTER_FILE);
    if (existsSync(file)) removeCluster((JSON.parse(readFileSync(file, 'utf8')) as SharedCluster).root);
    rmSync(runDir, { recursive: true, force: true });
  };
}
