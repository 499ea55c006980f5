// Profiles one part of the benchmark on the quick workload, for `node --cpu-prof`:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile/profile.ts engine|patches|disorder|ceiling|fold|adapter [rounds]
//   npx tsx bench/profile/profileSummary.ts /tmp/prof/<the main thread's>.cpuprofile
import { foldCeiling, foldPure } from '../engine/ceiling.js';
import { ingestFeed } from '../engine/engineThroughput.js';
import { buildWorkload, canonicalEventsOf, QUICK } from '../support/workload.js';

const part = process.argv[2] ?? 'engine';
const workload = buildWorkload(QUICK);
const events = canonicalEventsOf(workload.inOrder);
const rounds = Number(process.argv[3] ?? 3);
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let round = 0; round < rounds; round++) {
  if (part === 'engine') ingestFeed(workload.inOrder);
  else if (part === 'patches') ingestFeed(workload.inOrder, { patchSubscriber: true });
  else if (part === 'disorder') ingestFeed(workload.disordered);
  else if (part === 'ceiling') foldCeiling(events);
  else if (part === 'fold') foldPure(events);
  else if (part === 'adapter') canonicalEventsOf(workload.inOrder);
  else throw new Error(`unknown part ${part}`);
}
const cpu = process.cpuUsage(cpuStart);
const perRound = (ms: number) => (ms / rounds).toFixed(0);
process.stderr.write(`${part}: ${perRound(performance.now() - start)} ms wall, ${perRound((cpu.user + cpu.system) / 1000)} ms cpu per round\n`);
