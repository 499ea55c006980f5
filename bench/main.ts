// `npm run bench [-- --quick]`: measures the engine beside its baseline and its ceiling on one
// deterministic Webex workload, in one process, and writes bench/results.json.
// Progress goes to stderr; the table to stdout.
import { fileURLToPath } from 'node:url';
import { foldBaseline } from './engine/baseline.js';
import { foldCeiling, foldPure } from './engine/ceiling.js';
import type { CanonicalEvent } from '../src/events/canonical.js';
import { checkOutcomes, type EngineRun, ingestFeed } from './engine/engineThroughput.js';
import { measureBytesPerQueueBucket } from './kpi/kpiMemory.js';
import { ingestFeedWithKpis } from './kpi/kpiThroughput.js';
import { measureLateness } from './engine/lateness.js';
import { machineInfo } from './support/machineInfo.js';
import { collectGarbage, throughputOf, timed } from './support/measure.js';
import { measureMemory } from './engine/memory.js';
import { replayProcess } from './cli/replayProcess.js';
import { type BenchResults, evaluateTargets, printReport, type Row, writeResults } from './support/report.js';
import { measureNodes } from './durable/nodes.js';
import { measureServer } from './durable/server.js';
import { viewsDigest } from './engine/views.js';
import { buildWorkload, canonicalEventsOf, countEntities, countEvents, FULL, QUICK, writeNdjson } from './support/workload.js';

const quick = process.argv.includes('--quick');
const size = quick ? QUICK : FULL;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const started = performance.now();
const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

const machine = machineInfo();
log(`${quick ? 'quick' : 'full'} run on ${machine.nproc} cores, ${machine.cpu}, node ${machine.node}`);

const buildStart = performance.now();
const workload = buildWorkload(size);
const buildSeconds = (performance.now() - buildStart) / 1000;
log(`workload: ${workload.inOrder.length} deliveries in order, ${workload.disordered.length} disordered (${buildSeconds.toFixed(1)} s)`);
let events: CanonicalEvent[] | undefined = canonicalEventsOf(workload.inOrder);
const eventCount = events.length;
const entities = countEntities(events);
const disorderedEvents = countEvents(workload.disordered);
const ndjson = here(`./workload-${quick ? 'quick' : 'full'}.ndjson`);
writeNdjson(workload.inOrder, ndjson);
log(`${eventCount} canonical events; ${entities.agent} agents, ${entities.channel} channels, ${entities.task} tasks; wrote ${ndjson}`);

// Throughput. Runs take turns, round after round, so that a noisy neighbour slows all of them
// alike, and each keeps its best round. Nothing a run leaves behind stays in the heap during the
// next (a large live heap makes every collection slower): the ceiling's canonical events are
// dropped before the engine runs, and each engine is reduced to its outcomes and a views digest.
const deliveries = workload.inOrder.length;
const times: Record<string, number[]> = { baseline: [], ceiling: [], fold: [], inOrder: [], inOrderPatches: [], inOrderKpis: [], disorder: [] };
const measure = <T>(name: string, work: () => T): T => {
  collectGarbage();
  let result!: T;
  times[name]!.push(timed(() => (result = work())));
  return result;
};
// Warm-up on a prefix, untimed: the first run of each code path would otherwise pay for the JIT.
const warmUp = Math.min(20_000, Math.ceil(deliveries / 10));
foldBaseline(workload.inOrder.slice(0, warmUp));
foldCeiling(events.slice(0, warmUp));
foldPure(events.slice(0, warmUp));
ingestFeed(workload.inOrder.slice(0, warmUp));
ingestFeed(workload.inOrder.slice(0, warmUp), { patchSubscriber: true });
ingestFeed(workload.disordered.slice(0, warmUp));
const lastTimes = () => Object.entries(times).map(([name, list]) => `${name} ${list.at(-1)?.toFixed(2) ?? '-'} s`).join(', ');
for (let round = 0; round < 2; round++) {
  measure('baseline', () => foldBaseline(workload.inOrder));
  measure('ceiling', () => foldCeiling(events!));
  measure('fold', () => foldPure(events!));
  log(`baseline, ceiling and fold, round ${round + 1}/2: ${lastTimes()}`);
}
events = undefined;
// Two rounds, in alternating order: in order runs right before disorder in the first and right
// after it in the second, so neither gains from its position in the round (a heap or a JIT state
// left by the run before it); each keeps its best round.
const engineRounds = 2;
const checked: { inOrder?: EngineCheck; inOrderPatches?: EngineCheck; disorder?: EngineCheck } = {};
const inOrderRun = () => (checked.inOrder = checkRun(measure('inOrder', () => ingestFeed(workload.inOrder))));
const disorderRun = () => (checked.disorder = checkRun(measure('disorder', () => ingestFeed(workload.disordered))));
for (let round = 0; round < engineRounds; round++) {
  measure('baseline', () => foldBaseline(workload.inOrder));
  for (const run of round % 2 === 0 ? [inOrderRun, disorderRun] : [disorderRun, inOrderRun]) run();
  checked.inOrderPatches = checkRun(measure('inOrderPatches', () => ingestFeed(workload.inOrder, { patchSubscriber: true })));
  measure('inOrderKpis', () => ingestFeedWithKpis(workload.inOrder));
  log(`engine, round ${round + 1}/${engineRounds}: ${lastTimes()}`);
}
const best = (name: string, count: number, eventsIn: number) => throughputOf(times[name]!, count, eventsIn);
const rows: Row[] = [
  { name: 'baseline: JSON.parse + switch reducer', throughput: best('baseline', deliveries, eventCount) },
  { name: 'ceiling: XState actors, canonical events', throughput: best('ceiling', deliveries, eventCount) },
  { name: 'fold alone: machine.transition, canonical events', throughput: best('fold', deliveries, eventCount) },
  { name: 'engine, in order', throughput: best('inOrder', deliveries, eventCount) },
  { name: 'engine, in order, with a patch subscriber (state document revised per delivery)', throughput: best('inOrderPatches', deliveries, eventCount) },
  { name: 'engine, in order, with KPIs on (queues read every 1,000 deliveries)', throughput: best('inOrderKpis', deliveries, eventCount) },
  { name: 'engine, disorder (10% displaced ≤ 5 min, 5% twice)', throughput: best('disorder', workload.disordered.length, disorderedEvents) },
];

// Correctness beside speed: the measured runs gave the outcomes and views the contract promises.
checkOutcomes('engine, in order', checked.inOrder!.outcomes, false);
checkOutcomes('engine, disorder', checked.disorder!.outcomes, true);
if (checked.inOrder!.digest !== checked.disorder!.digest) throw new Error('the disordered run did not converge to the in-order views');
if (checked.inOrder!.digest !== checked.inOrderPatches!.digest) throw new Error('the run with a patch subscriber served other views');
log(`disorder outcomes ${JSON.stringify(checked.disorder!.outcomes)}; views converge`);

log('lateness curve');
const lateness = await measureLateness(quick);
log('memory');
const memory = measureMemory(size, quick ? 400 : 5_000);
const bytesPerQueueBucket = measureBytesPerQueueBucket(quick ? 10_000 : 50_000);
log(`KPI memory: ${bytesPerQueueBucket} B per queue bucket (kpi/kpiMemory.ts)`);
log('replay, whole process');
const replay = await replayProcess(ndjson);
log(`replay: ${replay.seconds.toFixed(1)} s, ${replay.outputBytes} bytes of output`);
const server = await measureServer(workload.inOrder, quick, log);
log('nodes on one PostgreSQL');
const nodes = await measureNodes(workload.inOrder, quick, log);

const partial: Omit<BenchResults, 'targets'> = {
  mode: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine,
  workload: {
    deliveries,
    events: eventCount,
    disorderedDeliveries: workload.disordered.length,
    agents: entities.agent,
    channels: entities.channel,
    tasks: entities.task,
    hours: size.durationMs / 3_600_000,
  },
  baselinePerSec: rows[0]!.throughput.perSec,
  ceilingPerSec: rows[1]!.throughput.perSec,
  foldPerSec: rows[2]!.throughput.perSec,
  engineInOrderPerSec: rows[3]!.throughput.perSec,
  engineDisorderPerSec: rows[6]!.throughput.perSec,
  engineInOrderWithPatchesPerSec: rows[4]!.throughput.perSec,
  eventsPerSec: Object.fromEntries(rows.map((row) => [row.name, Math.round(row.throughput.eventsPerSec)])),
  replaySeconds: replay.seconds,
  replayDeliveries: deliveries,
  bytesPerClosedTask: memory.bytesPerClosedTask,
  memory,
  lateness,
  server,
  nodes,
  rounds: times,
};
const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
writeResults(here('./results.json'), results);
process.stdout.write(`${printReport(rows, results)}\n`);

interface EngineCheck {
  outcomes: EngineRun['outcomes'];
  digest: string;
}

/** What is checked of a measured engine run; the engine itself is then let go. */
function checkRun(run: EngineRun): EngineCheck {
  return { outcomes: run.outcomes, digest: viewsDigest(run.engine) };
}
