// Receiver nodes profiled under the node table's load, for cutting what a delivery costs:
//   node --import tsx bench/durable/nodeProfile.ts postgres|sqlite|memory [deliveries] [nodes] [-- serve flags]
//   npx tsx bench/profile/profileSummary.ts <the .cpuprofile it names> 40
// `contactstate serve` runs with `--cpu-prof` on a fresh database (PostgreSQL: a throwaway cluster,
// fsync on, or DATABASE_URL; several nodes share it), takes a warm-up, then the measured deliveries
// from a load process of its own (nodeLoad.ts), round-robin over the nodes, each node's `/changes`
// read meanwhile as the node table's lag probes read it; printed: acknowledged/s,
// the nodes' CPU ms per delivery from /proc, commits, and the first node's busy time by part (the
// package or source folder of each sample's innermost frame of ours or a package's).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cluster, createCluster } from '../../test/support/postgres/cluster.js';
import { createDatabase } from '../../test/support/postgres/databases.js';
import { cpuMsOf } from '../support/cpuTime.js';
import { buildWorkload, QUICK } from '../support/workload.js';
import { ProbeWatch } from './lagProbes.js';
import { load } from './nodes.js';
import { type ServeProcess, startServe, stopServe } from './serveProcess.js';

const CONNECTIONS = 12;
const WARMUP = 1_000;
/** The clock of a V8 profile's timestamps (CLOCK_MONOTONIC, shared by every process here), in µs. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const [backend = 'postgres', countText = '6000', ...rest] = process.argv.slice(2);
const nodeCount = rest[0] !== undefined && rest[0] !== '--' ? Number(rest.shift()) : 1;
const serveFlags = rest[0] === '--' ? rest.slice(1) : rest;
const feed = buildWorkload(QUICK).inOrder;
const measured = feed.slice(WARMUP, WARMUP + Number(countText)).map((delivery) => delivery.line);
const directory = mkdtempSync(join(tmpdir(), 'contactstate-node-profile-'));
const cluster: Cluster | undefined = backend === 'postgres' && !process.env['DATABASE_URL'] ? await createCluster({ fsync: true }) : undefined;
try {
  const db = backend === 'postgres' ? await createDatabase(process.env['DATABASE_URL'] ?? cluster!.url) : backend === 'memory' ? ':memory:' : join(directory, 'node.db');
  const nodes: ServeProcess[] = [];
  const profiles = (index: number) => join(directory, `node-${index}`);
  for (let index = 0; index < nodeCount; index++) nodes.push(await startServe(['--db', db, ...serveFlags], ['--cpu-prof', `--cpu-prof-dir=${profiles(index)}`]));
  const measurement = await measure(nodes).finally(() => Promise.all(nodes.map(stopServe)));
  const profile = join(tmpdir(), `node-${backend}-${Date.now()}.cpuprofile`);
  const written = readdirSync(profiles(0)).map((name) => join(profiles(0), name));
  // The main thread's profile is the largest (SQLite's commit thread writes one of its own).
  const main = written.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
  writeFileSync(profile, readFileSync(main));
  process.stdout.write(`${backend}: ${measurement.summary}\nprofile: ${profile}\n${partsOf(profile, measurement.window)}\n`);
} finally {
  cluster?.remove();
  rmSync(directory, { recursive: true, force: true });
}

/** The warm-up, then the measured load: what it acknowledged, at what CPU, and when (profile clock). */
async function measure(nodes: ServeProcess[]): Promise<{ summary: string; window: { from: number; to: number } }> {
  const urls = nodes.map((node) => node.url);
  await load({ urls, connections: CONNECTIONS, bodies: feed.slice(0, WARMUP).map((delivery) => delivery.line), probes: [] });
  const watches = urls.map((url) => new ProbeWatch(url));
  await Promise.all(watches.map((watch) => watch.ready));
  try {
    return await measureWatched(nodes);
  } finally {
    for (const watch of watches) watch.stop();
  }
}

async function measureWatched(nodes: ServeProcess[]): Promise<{ summary: string; window: { from: number; to: number } }> {
  const urls = nodes.map((node) => node.url);
  const status = async () => {
    const all = await Promise.all(urls.map(async (url) => (await (await fetch(`${url}/healthz`)).json()) as { commits: number; committedDeliveries: number }));
    return { commits: sum(all.map((one) => one.commits)), committedDeliveries: sum(all.map((one) => one.committedDeliveries)) };
  };
  const cpu = () => sum(nodes.map((node) => cpuMsOf(node.process.pid!)));
  const statusBefore = await status();
  const before = cpu();
  const window = { from: monotonicMicros() };
  const result = await load({ urls, connections: CONNECTIONS, bodies: measured, probes: [] });
  const cpuMs = cpu() - before;
  const measuredWindow = { ...window, to: monotonicMicros() };
  const statusAfter = await status();
  const commits = statusAfter.commits - statusBefore.commits;
  const perCommit = (statusAfter.committedDeliveries - statusBefore.committedDeliveries) / commits;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  const summary =
    `${result.answered} acked, ${Math.round(result.answered / result.seconds)}/s, p50 ${result.p50Ms} ms, ` +
    `CPU of ${nodes.length} node(s) ${(cpuMs / result.answered).toFixed(3)} ms per delivery, ${commits} commits of ${perCommit.toFixed(1)} deliveries`;
  return { summary, window: measuredWindow };
}

/**
 * The node's busy time during the measured load, by part: the package (node_modules/X) or source
 * folder (src/X) of the innermost frame of ours or a package's; runtime frames (socket writes,
 * JSON.parse) count for the code that called them, and GC stands alone.
 */
function partsOf(file: string, window: { from: number; to: number }): string {
  const { nodes, samples, timeDeltas, startTime } = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
  };
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const ours = (url: string) => url.includes('node_modules/') || /\/src\//.test(url);
  const partOf = new Map(
    nodes.map(({ id, callFrame }) => {
      let at: number | undefined = id;
      while (at !== undefined && !ours(byId.get(at)!.callFrame.url)) at = parentOf.get(at);
      return [id, at === undefined ? (callFrame.functionName.startsWith('(') ? callFrame.functionName : '(runtime)') : part(byId.get(at)!.callFrame.url)];
    }),
  );
  const time = new Map<string, number>();
  let at = startTime;
  samples.forEach((id, index) => {
    at += timeDeltas[index] ?? 0;
    if (at < window.from || at > window.to) return;
    const name = partOf.get(id)!;
    time.set(name, (time.get(name) ?? 0) + (timeDeltas[index] ?? 0));
  });
  time.delete('(idle)');
  const busy = [...time.values()].reduce((sum, value) => sum + value, 0);
  return [...time]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, value]) => `${((100 * value) / busy).toFixed(1).padStart(6)} %  ${name}`)
    .join('\n');
}

function part(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const source = /\/(?:dist\/)?src\/([^/]+)\/(?:([^/]+)\/)?/.exec(url);
  return source ? `src/${source[1]}${source[2] && !source[2].includes('.') ? `/${source[2]}` : ''}` : url;
}
