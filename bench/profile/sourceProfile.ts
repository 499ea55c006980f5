// Feeds one source's sample (examples/<source>-sample.ndjson), copied with fresh ids and later
// times until it has the lines asked for, through one engine, for `node --cpu-prof`:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile/sourceProfile.ts vonage|8x8|telax|webex-sdk [lines]
//   npx tsx bench/profile/profileSummary.ts /tmp/prof/<the main thread's>.cpuprofile 400
// The adapter's share is `adaptDelivery`'s inclusive time over `ingest`'s (engine/createEngine.ts).
// With node's --disallow-code-generation-from-strings zod cannot compile the schemas and the
// adapters validate with its runtime parser: the same feed without the compiled schemas.
import { readFileSync } from 'node:fs';
import type { SourceId } from '../../src/events/canonical.js';
import { createEngine } from '../../src/index.js';
import type { Delivery } from '../../src/sources/delivery.js';
import { deliveryFromLine } from '../../src/sources/ndjsonLine.js';

const source = (process.argv[2] ?? 'vonage') as SourceId;
const lines = Number(process.argv[3] ?? 200_000);
const sample = readFileSync(new URL(`../../examples/${source}-sample.ndjson`, import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => deliveryFromLine(line, source));

/** Each copy of the sample is a minute later than the one before. */
const COPY_SHIFT_MS = 60_000;
const ISO_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;
const COMPACT_TIME = /^\d{14}$/; // Telax's yyyyMMddHHmmss
const ID_KEY = /id$|ids$|^username$|^subject$|^x-8x8-event-id$/i;

const compactTime = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
const fromCompact = (text: string) =>
  Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(8, 10), +text.slice(10, 12), +text.slice(12, 14));

/** The value with every id prefixed by the copy's number and every time shifted by it. */
function copied(value: unknown, copy: number, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => copied(item, copy, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, copied(field, copy, name)]));
  }
  if (typeof value === 'number' && value > 1e12) return value + copy * COPY_SHIFT_MS;
  if (typeof value !== 'string') return value;
  if (ISO_TIME.test(value)) return new Date(Date.parse(value) + copy * COPY_SHIFT_MS).toISOString();
  if (COMPACT_TIME.test(value)) return compactTime(fromCompact(value) + copy * COPY_SHIFT_MS);
  return ID_KEY.test(key) ? `c${copy}-${value}` : value;
}

const feed: Delivery[] = [];
for (let copy = 0; feed.length < lines; copy++) {
  for (const { headers, body } of sample) {
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    feed.push({ source, headers: copied(headers ?? {}, copy) as Record<string, string>, body: JSON.stringify(copied(parsed, copy)) });
  }
}

const engine = createEngine();
const statuses: Record<string, number> = {};
const start = performance.now();
const cpuStart = process.cpuUsage();
for (const delivery of feed) {
  const { status } = engine.ingest(delivery);
  statuses[status] = (statuses[status] ?? 0) + 1;
}
const cpu = process.cpuUsage(cpuStart);
const wall = performance.now() - start;
process.stderr.write(
  `${source}: ${feed.length} lines, ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu, ${JSON.stringify(statuses)}\n`,
);
