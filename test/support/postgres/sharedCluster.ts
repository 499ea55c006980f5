// One PostgreSQL for the whole test run, started by the first suite that asks for it: suites run
// in several vitest workers, so the first one to take the lock (a folder: mkdir is atomic) starts
// the cluster and writes where it is; the others read that. The run's global setup removes it.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCluster } from './cluster.js';

export const SHARED_CLUSTER_FILE = 'cluster.json';

export interface SharedCluster {
  url: string;
  root: string;
}

/** The URL of the run's cluster, starting it if no suite has yet. */
export async function sharedClusterUrl(runDir: string): Promise<string> {
  const file = join(runDir, SHARED_CLUSTER_FILE);
  const lock = join(runDir, 'lock');
  for (let waited = 0; !tryLock(lock); waited += 50) {
    if (waited > 120_000) throw new Error(`another test worker has held ${lock} for two minutes`);
    await sleep(50);
  }
  try {
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as SharedCluster).url;
    const cluster = await createCluster({ parent: runDir });
    writeFileSync(file, JSON.stringify({ url: cluster.url, root: cluster.root } satisfies SharedCluster));
    return cluster.url;
  } finally {
    rmdirSync(lock);
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    return false;
  }
}
