// The node table: deliveries/s acknowledged by 1, 2 and 3 `contactstate serve` nodes on
// one PostgreSQL, under the same load from a process of its own (nodeLoad.ts) spread round-robin
// over them; p50/p99 latency; the lag from a probe's 2xx on one node to its view on every other
// (lagProbes.ts); and where the CPU went (the nodes, PostgreSQL, the whole machine), which is what
// a node costs and where the limit is. Each row has a fresh database and a warm-up first.
// PostgreSQL: DATABASE_URL (its role needs CREATEDB), else a throwaway cluster of its own with
// fsync on (test/support/postgres/cluster.ts); with neither the table is skipped, and says why.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TimedDelivery } from '../../examples/disorder.js';
import { type Cluster, clusterUnavailable, createCluster } from '../../test/support/postgres/cluster.js';
import { createDatabase, dropDatabase } from '../../test/support/postgres/databases.js';
import { cpuMsOf, machineCpuMs, postgresPids } from '../support/cpuTime.js';
import { lagsOf, ProbeWatch, withProbes } from './lagProbes.js';
import type { LoadResult, LoadSpec } from './nodeLoad.js';
import { type ServeProcess, startServe, stopServe } from './serveProcess.js';

const LOAD = fileURLToPath(new URL('./nodeLoad.ts', import.meta.url));
/** Divisible by 1, 2 and 3: every node gets as many. */
const CONNECTIONS = 12;
const PROBE_EVERY = 50;

export interface NodeRow {
  nodes: number;
  deliveries: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  /** ms from a probe's 2xx until every other node shows it (none with one node). */
  lagP50Ms?: number;
  lagP99Ms?: number;
  probes: number;
  /** CPU ms per acknowledged delivery: all nodes together, and PostgreSQL (when it is our own). */
  nodeCpuMsPerDelivery: number;
  postgresCpuMsPerDelivery?: number;
  /** Busy share of the whole machine (all cores, everyone's work) during the load. */
  machineBusy: number;
}

export type NodeFigures = { connections: number; postgres: string; rows: NodeRow[] } | { skipped: string };

export async function measureNodes(feed: readonly TimedDelivery[], quick: boolean, log: (message: string) => void): Promise<NodeFigures> {
  const external = process.env['DATABASE_URL'];
  const missing = external ? undefined : clusterUnavailable();
  if (missing) {
    log(`node table SKIPPED: no PostgreSQL (${missing}); set DATABASE_URL or install PostgreSQL`);
    return { skipped: missing };
  }
  const cluster: Cluster | undefined = external ? undefined : await createCluster({ fsync: true });
  const serverUrl = external ?? cluster!.url;
  const warmup = quick ? 500 : 2_000;
  const measured = feed.slice(warmup, warmup + (quick ? 1_500 : 10_000));
  const rows: NodeRow[] = [];
  try {
    for (const nodes of [1, 2, 3]) {
      const row = await measureRow(nodes, serverUrl, cluster, feed.slice(0, warmup), measured);
      log(
        `${nodes} node(s): ${Math.round(row.perSec)}/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, lag p50 ${row.lagP50Ms?.toFixed(1) ?? '-'} ms, ` +
          `p99 ${row.lagP99Ms?.toFixed(1) ?? '-'} ms; CPU per delivery: nodes ${row.nodeCpuMsPerDelivery.toFixed(2)} ms, ` +
          `PostgreSQL ${row.postgresCpuMsPerDelivery?.toFixed(2) ?? '-'} ms; machine ${Math.round(100 * row.machineBusy)} % busy`,
      );
      rows.push(row);
    }
  } finally {
    cluster?.remove();
  }
  return { connections: CONNECTIONS, postgres: external ? 'DATABASE_URL' : 'a cluster of its own, fsync on', rows };
}

async function measureRow(count: number, serverUrl: string, cluster: Cluster | undefined, warmup: readonly TimedDelivery[], measured: readonly TimedDelivery[]): Promise<NodeRow> {
  const database = await createDatabase(serverUrl);
  const nodes: ServeProcess[] = [];
  const watches: ProbeWatch[] = [];
  try {
    for (let index = 0; index < count; index++) nodes.push(await startServe(['--db', database]));
    const urls = nodes.map((node) => node.url);
    await load({ urls, connections: CONNECTIONS, bodies: warmup.map((delivery) => delivery.line), probes: [] });
    watches.push(...nodes.map((node) => new ProbeWatch(node.url)));
    await Promise.all(watches.map((watch) => watch.ready));

    const { bodies, probes } = withProbes(measured, PROBE_EVERY);
    const pgPids = cluster ? postgresPids(join(cluster.root, 'data')) : [];
    const cpuBefore = new Map([...nodes.map((node) => node.process.pid!), ...pgPids].map((pid) => [pid, cpuMsOf(pid)]));
    const machineBefore = machineCpuMs();
    const result = await load({ urls, connections: CONNECTIONS, bodies, probes });
    const machineAfter = machineCpuMs();
    // Backends a pool opened during the load count whole; the postmaster's list is read again.
    const spent = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMsOf(pid) - (cpuBefore.get(pid) ?? 0), 0);
    const nodeCpu = spent(nodes.map((node) => node.process.pid!));
    const postgresCpu = cluster ? spent(postgresPids(join(cluster.root, 'data'))) : undefined;
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${count} node(s): ${result.non2xx} non-2xx answers, ${result.errors} errors`);

    const acks = new Map(result.probeAcks);
    await until(() => watches.every((watch) => [...acks.keys()].every((probe) => watch.seen.has(probe))), 'every node to show every probe');
    await expectAgreement(urls);
    const lags = count > 1 ? lagsOf(acks, watches).sort((a, b) => a - b) : [];
    return {
      nodes: count,
      deliveries: result.answered,
      perSec: result.answered / result.seconds,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      ...(lags.length > 0 ? { lagP50Ms: quantile(lags, 0.5), lagP99Ms: quantile(lags, 0.99) } : {}),
      probes: acks.size,
      nodeCpuMsPerDelivery: nodeCpu / result.answered,
      ...(postgresCpu !== undefined ? { postgresCpuMsPerDelivery: postgresCpu / result.answered } : {}),
      machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    };
  } finally {
    for (const watch of watches) watch.stop();
    await Promise.all(nodes.map(stopServe));
    await dropDatabase(serverUrl, database);
  }
}

/** Runs the load process on `spec`; its answer. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const directory = mkdtempSync(join(tmpdir(), 'contactstate-load-'));
  const file = join(directory, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', LOAD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`the load process exited ${code}: ${errors.slice(0, 2000)}`))));
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Every node folded the same log into the same state (correctness beside speed). */
async function expectAgreement(urls: string[]): Promise<void> {
  const seqs = async () => Promise.all(urls.map(async (url) => ((await (await fetch(`${url}/healthz`)).json()) as { appliedSeq: number }).appliedSeq));
  let applied: number[] = [];
  await until(async () => new Set((applied = await seqs())).size === 1, `the nodes to fold the same log (applied ${applied.join(', ')})`);
  const states = await Promise.all(urls.map(async (url) => JSON.stringify(await (await fetch(`${url}/state`)).json())));
  if (new Set(states).size !== 1) throw new Error('the nodes folded one log into different states');
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await condition()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting for ${what}`);
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The node table, markdown. */
export function printNodeTable(figures: NodeFigures): string {
  if ('skipped' in figures) return `node table: skipped (no PostgreSQL: ${figures.skipped})`;
  const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(1));
  const lines = [
    `nodes on one PostgreSQL (${figures.postgres}), ${figures.connections} loopback connections round-robin from a load process, a lag probe every ${PROBE_EVERY} deliveries`,
    '',
    '| nodes | deliveries/s acked | p50 ms | p99 ms | lag to every other node p50 ms | p99 ms | CPU ms per delivery: nodes | PostgreSQL | machine busy |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of figures.rows) {
    lines.push(
      `| ${row.nodes} | ${Math.round(row.perSec).toLocaleString('en-US')} | ${row.p50Ms} | ${row.p99Ms} | ${ms(row.lagP50Ms)} | ${ms(row.lagP99Ms)} | ` +
        `${row.nodeCpuMsPerDelivery.toFixed(2)} | ${row.postgresCpuMsPerDelivery?.toFixed(2) ?? '—'} | ${Math.round(100 * row.machineBusy)} % |`,
    );
  }
  return lines.join('\n');
}
