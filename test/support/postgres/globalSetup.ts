// vitest's global setup for the PostgreSQL suites: it names a folder for this run (and removes the
// clusters of runs killed before their teardown). The first suite that needs PostgreSQL starts
// one cluster there (testDatabase.ts), which every suite of the run shares (a database each); a
// run with no PostgreSQL suite starts none. Teardown removes it.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const RUN_PREFIX = 'contactstate-pg-run-';
const OWNER_FILE = 'owner.pid';

export default function setup(project: TestProject): () => void {
  removeAbandonedRuns();
  const runDir = mkdtempSync(join(tmpdir(), RUN_PREFIX));
  writeFileSync(join(runDir, OWNER_FILE), String(process.pid));
  // The server may run as another user (root starts it as `postgres`): it must get through.
  chmodSync(runDir, 0o711);
  project.provide('postgresRunDir', runDir);
  return () => removeRun(runDir);
}

function removeRun(runDir: string): void {
  const file = join(runDir, SHARED_CLUSTER_FILE);
  if (existsSync(file)) removeCluster((JSON.parse(readFileSync(file, 'utf8')) as SharedCluster).root);
  rmSync(runDir, { recursive: true, force: true });
}

/** The clusters of runs that were killed before their teardown (their vitest is gone). */
function removeAbandonedRuns(): void {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(RUN_PREFIX))) {
    const runDir = join(tmpdir(), name);
    const ownerFile = join(runDir, OWNER_FILE);
    // No owner yet: a run that is starting this very moment.
    if (existsSync(ownerFile) && !isAlive(Number(readFileSync(ownerFile, 'utf8')))) removeRun(runDir);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
