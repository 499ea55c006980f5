// Writes a Webex webhook feed: `tsx examples/generate-webex-sample.ts [--agents N] [--tasks N]
// [--minutes N] [--seed N] [--shuffle] [--duplicate] [--out FILE]`. The default is the shipped
// `examples/webex-sample.ndjson`: one working hour, in event-time order. `--shuffle` displaces 10%
// of deliveries by up to 2 minutes and `--duplicate` sends 5% twice, as a real webhook feed would.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { disorder } from './disorder.js';
import { seededRandom } from './random.js';
import { simulateContactCenter } from './webex/simulateContactCenter.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '24' },
    tasks: { type: 'string', default: '240' },
    minutes: { type: 'string', default: '60' },
    seed: { type: 'string', default: '2026' },
    shuffle: { type: 'boolean', default: false },
    duplicate: { type: 'boolean', default: false },
    out: { type: 'string', default: 'examples/webex-sample.ndjson' },
  },
});

const seed = Number(values.seed);
let feed = simulateContactCenter({
  agents: Number(values.agents),
  tasks: Number(values.tasks),
  durationMs: Number(values.minutes) * 60_000,
  seed,
});
if (values.shuffle || values.duplicate) {
  feed = disorder(feed, seededRandom(seed + 1), {
    displaced: values.shuffle ? 0.1 : 0,
    maxDelayMs: 120_000,
    duplicated: values.duplicate ? 0.05 : 0,
  });
}
writeFileSync(values.out, `${feed.map((delivery) => delivery.line).join('\n')}\n`);
process.stderr.write(`wrote ${feed.length} deliveries to ${values.out}\n`);
