// `npm run bench:nodes [-- --quick]`: the node table alone (durable/nodes.ts), without the rest of the
// bench; writes bench/nodes.json. `npm run bench` measures it too, last.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './support/machineInfo.js';
import { measureNodes, printNodeTable } from './durable/nodes.js';
import { buildWorkload, FULL, QUICK } from './support/workload.js';

const quick = process.argv.includes('--quick');
const started = performance.now();
const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
const machine = machineInfo();
log(`node table, ${quick ? 'quick' : 'full'}, on ${machine.nproc} cores, load ${machine.loadAverage}`);
const nodes = await measureNodes(buildWorkload(quick ? QUICK : FULL).inOrder, quick, log);
const date = new Date().toISOString();
writeFileSync(fileURLToPath(new URL('./nodes.json', import.meta.url)), `${JSON.stringify({ mode: quick ? 'quick' : 'full', date, machine, nodes }, null, 2)}\n`);
process.stdout.write(`contactstate node table (${quick ? 'quick' : 'full'}) — ${date}, load ${machine.loadAverage} at start\n${printNodeTable(nodes)}\n`);
