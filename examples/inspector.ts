// Watch the engine in the XState inspector while a feed arrives: an inspector server on loopback,
// an engine that reports to it, and the Webex sample delivered a few dozen a second.
//   npx tsx examples/inspector.ts [PORT] [FILE]
// then open the printed address in a browser (with the internet: Stately's viewer; without:
// the address with ?local for a plain table). Ctrl-C stops.
import { readFileSync } from 'node:fs';
import { createEngine, type Engine, startInspectorServer } from '../src/index.js';

const port = Number(process.argv[2] ?? 8080);
const file = process.argv[3] ?? new URL('./webex-sample.ndjson', import.meta.url);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);

let engine: Engine | undefined;
const server = await startInspectorServer({
  port,
  // A viewer that connects at any time is first shown every entity as it is now.
  announce: (observer) => engine?.inspectEntities(observer),
  log: (line) => console.error(line),
});
engine = createEngine({ inspect: server.inspect });
console.error(`open ${server.url} (Stately's viewer, needs the internet) or ${server.url}?local (offline table); Ctrl-C stops`);

let next = 0;
const feeding = setInterval(() => {
  for (const end = Math.min(next + 25, lines.length); next < end; next++) engine!.ingest({ source: 'webex', body: lines[next]! });
  if (next === lines.length) {
    clearInterval(feeding);
    console.error(`all ${lines.length} deliveries folded: ${engine!.tasks().length} tasks, ${engine!.agents().length} agents; still serving`);
  }
}, 250);

process.once('SIGINT', () => {
  clearInterval(feeding);
  void server.close();
});
