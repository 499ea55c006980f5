// `npm run bench:soak [-- --quick]`: the soak table: days of a contact center through the
// durable engine on SQLite; prints one line per day and the day-N-to-day-1 ratios, and writes
// bench/soak.json. Nothing is asserted: the table is read against its target (day N ≤ 1.2 × day 1).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './support/machineInfo.js';
import { measureSoak, SOAK_FULL, SOAK_QUICK } from './durable/soak.js';

const quick = process.argv.includes('--quick');
const size = quick ? SOAK_QUICK : SOAK_FULL;
const log = (message: string) => process.stderr.write(`[soak] ${message}\n`);
log(`${quick ? 'quick' : 'full'}: ${size.days} days, ${size.agents} agents, ${size.tasksPerDay} tasks a day`);
const days = await measureSoak(size, log);
const first = days[0]!;
const last = days.at(-1)!;
const ratio = (key: 'heapMB' | 'checkpointBytes' | 'logDeliveries' | 'dbBytes' | 'restartSeconds') => last[key] / first[key];
const ratios = { heap: ratio('heapMB'), checkpointBytes: ratio('checkpointBytes'), logDeliveries: ratio('logDeliveries'), dbBytes: ratio('dbBytes'), restart: ratio('restartSeconds') };
writeFileSync(fileURLToPath(new URL('./soak.json', import.meta.url)), `${JSON.stringify({ mode: quick ? 'quick' : 'full', date: new Date().toISOString(), machine: machineInfo(), size, days, ratios }, null, 2)}\n`);
const rows = days.map(
  (day) =>
    `| ${day.day} | ${day.deliveries} | ${Math.round(day.deliveriesPerSec)} | ${day.heapMB.toFixed(1)} | ${day.ledgers} | ${(day.checkpointBytes / 1e6).toFixed(2)} | ${day.logDeliveries} | ${(day.dbBytes / 1e6).toFixed(1)} | ${day.restartSeconds.toFixed(2)} |`,
);
process.stdout.write(
  [
    '| day | deliveries | deliveries/s | heap after GC (MB) | ledgers | checkpoint (MB) | log (deliveries) | database (MB) | restart (s) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `day ${last.day} / day 1: ${Object.entries(ratios).map(([key, value]) => `${key} ${value.toFixed(2)}`).join(', ')}`,
    '',
  ].join('\n'),
);
