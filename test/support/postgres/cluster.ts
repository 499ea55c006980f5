// A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary folder (as the
// `postgres` system user when we are root: the server refuses to run as root), then `pg_ctl` on a
// free loopback port with a private socket folder, so that nothing else on the machine is touched
// and nothing of it outlives `remove()`.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface ClusterOptions {
  /** Off for tests (nothing here must survive a power cut; an immediate stop loses nothing the OS has); on for benchmarks. */
  fsync?: boolean;
  /** Where the cluster's folder goes (default the system's temporary folder). */
  parent?: string;
}

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication on loopback). */
  readonly url: string;
  readonly port: number;
  readonly root: string;
  /** `pg_ctl stop`: `immediate` is a crash (no shutdown checkpoint, connections cut). */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again on the same port after `stop`. */
  start(): void;
  /** Stops it (immediately) and deletes its folder. */
  remove(): void;
}

/**
 * The folder of `initdb` and `pg_ctl`: `PG_BIN` when it is set (and only there: a folder named on
 * purpose that lacks them is reported, not replaced by another version found elsewhere), else PATH,
 * then the newest /usr/lib/postgresql/N/bin.
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env['PG_BIN']
    ? [env['PG_BIN']]
    : [...(env['PATH'] ?? '').split(':').filter(Boolean), ...debianVersions().map((version) => `/usr/lib/postgresql/${version}/bin`)];
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

function debianVersions(): string[] {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
}

/** Root runs the server's tools as the `postgres` user (initdb refuses root). */
const asRoot = (): boolean => userInfo().uid === 0;

/** Why a cluster cannot be made here, or undefined when it can. */
export function clusterUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!postgresBinDir(env)) {
    return env['PG_BIN']
      ? `no PostgreSQL server binaries (initdb, pg_ctl) in PG_BIN (${env['PG_BIN']})`
      : 'no PostgreSQL server binaries (initdb, pg_ctl) on PATH, in PG_BIN or under /usr/lib/postgresql';
  }
  if (asRoot()) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no "postgres" system user to run the server as';
    }
  }
  return undefined;
}

export async function createCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(clusterUnavailable());
  const root = mkdtempSync(join(options.parent ?? tmpdir(), 'contactstate-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  if (asRoot()) {
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const postgresGid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const dir of [root, sockets]) chownSync(dir, postgresUid, postgresGid);
  }
  const run = (tool: string, args: string[]) => runTool(bin, tool, args);
  try {
    // --no-sync: a throwaway needs no fsync of its template files (saves seconds on a busy disk).
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${describe(error)}`);
  }
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${sockets}`,
    '-c listen_addresses=127.0.0.1',
    `-c fsync=${options.fsync ? 'on' : 'off'}`,
    // A small server: three receivers and a few test suites at most.
    '-c max_connections=60',
    '-c shared_buffers=32MB',
  ].join(' ');
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, ...args]);
  let running = false;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    root,
    stop(mode = 'fast') {
      if (!running) return;
      pgCtl('stop', '-m', mode, '-w');
      running = false;
    },
    start() {
      if (running) return;
      try {
        pgCtl('start', '-w', '-t', '60', '-l', join(root, 'server.log'), '-o', settings);
      } catch (error) {
        throw new Error(`pg_ctl start failed: ${describe(error)}`);
      }
      running = true;
    },
    remove() {
      running = false;
      removeCluster(root);
    },
  };
  try {
    cluster.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}

/** Stops the cluster in `root` at once, if it runs, and deletes the folder (also from another process). */
export function removeCluster(root: string): void {
  const bin = postgresBinDir();
  const data = join(root, 'data');
  if (bin && existsSync(join(data, 'postmaster.pid'))) {
    try {
      runTool(bin, 'pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']);
    } catch {
      // Not running after all: the folder goes anyway.
    }
  }
  rmSync(root, { recursive: true, force: true });
}

function runTool(bin: string, tool: string, args: string[]): string {
  const [command, commandArgs] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  return execFileSync(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

function describe(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message: string };
  return (stderr || message).trim();
}

/** A port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
