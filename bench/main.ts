// `npm run bench [-- --quick]`: measures the engine beside its baseline and its ceiling on one
// deterministic Webex workload, in one process, and writes bench/results.json (issue 5).
// Progress goes to stderr; the table to stdout.
import { fileURLToPath } from 'node:url';
import { foldBaseline } from './baseline.js';
import { foldCeiling } from './ceiling.js';
import { checkOutcomes, type EngineRun, ingestFeed } from './engineThroughput.js';
import { measureLateness } from './lateness.js';
import { machineInfo } from './machineInfo.js';
import { collectGarbage, throughputOf, timed } from './measure.js';
import { measureMemory } from './memory.js';
import { replayProcess } from './replayProcess.js';
import { type BenchResults, evaluateTargets, printReport, type Row, writeResults } from './report.js';
import { measureServer } from './server.js';
import { sameViews } from './views.js';
import { buildWorkload, canonicalEventsOf, countEntities, FULL, QUICK, writeNdjson } from './workload.js';

const quick = process.argv.includes('--quick');
const size = quick ? QUICK : FULL;
const rounds = 2;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const machine = machineInfo();
log(`${quick ? 'quick' : 'full'} run on ${machine.nproc} cores, ${machine.cpu}, node ${machine.node}`);

const buildStart = performance.now();
const workload = buildWorkload(size);
const buildSeconds = (performance.now() - buildStart) / 1000;
log(`workload: ${workload.inOrder.length} deliveries in order, ${workload.disordered.length} disordered (${buildSeconds.toFixed(1)} s)`);
const events = canonicalEventsOf(workload.inOrder);
const entities = countEntities(events);
const disorderedEvents = canonicalEventsOf(workload.disordered).length;
const ndjson = here(`./workload-${quick ? 'quick' : 'full'}.ndjson`);
writeNdjson(workload.inOrder, ndjson);
log(`${events.length} canonical events; ${entities.agent} agents, ${entities.channel} channels, ${entities.task} tasks; wrote ${ndjson}`);

// Throughput: the four runs take turns, round after round, so that a noisy neighbour slows all
// of them alike; each keeps its best round.
const deliveries = workload.inOrder.length;
const times: Record<string, number[]> = { baseline: [], ceiling: [], inOrder: [], disorder: [] };
const measure = <T>(name: string, work: () => T): T => {
  collectGarbage();
  let result!: T;
  times[name]!.push(timed(() => (result = work())));
  return result;
};
let inOrderRun: EngineRun | undefined;
let disorderRun: EngineRun | undefined;
for (let round = 0; round < rounds; round++) {
  measure('baseline', () => foldBaseline(workload.inOrder));
  measure('ceiling', () => foldCeiling(events));
  inOrderRun = disorderRun = undefined;
  inOrderRun = measure('inOrder', () => ingestFeed(workload.inOrder));
  disorderRun = measure('disorder', () => ingestFeed(workload.disordered));
  log(`round ${round + 1}/${rounds}: ${Object.entries(times).map(([name, list]) => `${name} ${list.at(-1)!.toFixed(2)} s`).join(', ')}`);
}
const best = (name: string, count: number, eventCount: number) => throughputOf(times[name]!, count, eventCount);
const rows: Row[] = [
  { name: 'baseline: JSON.parse + switch reducer', throughput: best('baseline', deliveries, events.length) },
  { name: 'ceiling: XState actors, canonical events', throughput: best('ceiling', deliveries, events.length) },
  { name: 'engine, in order', throughput: best('inOrder', deliveries, events.length) },
  { name: 'engine, disorder (10% displaced ≤ 5 min, 5% twice)', throughput: best('disorder', workload.disordered.length, disorderedEvents) },
];

// Correctness beside speed: the measured runs gave the outcomes and views the contract promises.
if (!inOrderRun || !disorderRun) throw new Error('no engine run was measured');
checkOutcomes('engine, in order', inOrderRun.outcomes, false);
checkOutcomes('engine, disorder', disorderRun.outcomes, true);
if (!sameViews(inOrderRun.engine, disorderRun.engine)) throw new Error('the disordered run did not converge to the in-order views');
log(`disorder outcomes ${JSON.stringify(disorderRun.outcomes)}; views converge`);
inOrderRun = undefined;
disorderRun = undefined;

log('lateness curve');
const lateness = await measureLateness(quick);
log('memory');
const memory = measureMemory(size, quick ? 400 : 10_000);
log('replay, whole process');
const replay = await replayProcess(ndjson);
log(`replay: ${replay.seconds.toFixed(1)} s, ${replay.outputBytes} bytes of output`);
const server = await measureServer(workload.inOrder, quick, log);

const partial: Omit<BenchResults, 'targets'> = {
  mode: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine,
  workload: {
    deliveries,
    events: events.length,
    disorderedDeliveries: workload.disordered.length,
    agents: entities.agent,
    channels: entities.channel,
    tasks: entities.task,
    hours: size.durationMs / 3_600_000,
  },
  baselinePerSec: rows[0]!.throughput.perSec,
  ceilingPerSec: rows[1]!.throughput.perSec,
  engineInOrderPerSec: rows[2]!.throughput.perSec,
  engineDisorderPerSec: rows[3]!.throughput.perSec,
  eventsPerSec: Object.fromEntries(rows.map((row) => [row.name, Math.round(row.throughput.eventsPerSec)])),
  replaySeconds: replay.seconds,
  replayDeliveries: deliveries,
  bytesPerClosedTask: memory.bytesPerClosedTask,
  memory,
  lateness,
  server,
  rounds: times,
};
const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
writeResults(here('./results.json'), results);
process.stdout.write(`${printReport(rows, results)}\n`);
