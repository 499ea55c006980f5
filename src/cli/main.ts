// The `contactstate` command line.
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../engine/createEngine.js';
import { isSourceId } from '../sources/ndjsonLine.js';
import { type InspectFlags, INSPECT_USAGE, INSPECT_WAIT_USAGE, takeInspectFlags } from './inspectFlags.js';
import { startCommandInspector, untilInterrupted } from './inspector.js';
import { REPLAY_OPTIONS, replay } from './replay.js';
import { type ReplayProgress, replayProgress } from './replayProgress.js';

/** A file from which replay shows its progress: a few seconds' folding. */
const LARGE_FILE_BYTES = 32 * 1024 * 1024;

const USAGE = `usage: contactstate replay [--source webex|webex-sdk|vonage|8x8|telax|auto] [--inspect [PORT]] FILE|-
       contactstate serve [--port N] [--db PATH] [--demo] [--inspect [PORT]] ... (contactstate serve --help)
       contactstate diagram agent|channel|task [--format mermaid|dot|json]
replay and serve:
${INSPECT_USAGE}
replay:
${INSPECT_WAIT_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Loaded on demand: replay needs neither fastify nor the native SQLite module.
  if (command === 'serve') return (await import('./serve.js')).serve(rest);
  if (command === 'diagram') return (await import('./diagram.js')).diagram(rest);
  if (command !== 'replay') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const inspect = takeInspectFlags(rest, { wait: true });
  if (!inspect.ok) {
    process.stderr.write(`contactstate replay: ${inspect.error}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: inspect.rest,
    options: { source: { type: 'string', default: 'auto' } },
    allowPositionals: true,
  });
  const source = values.source;
  const file = positionals[0];
  if (!file || (source !== 'auto' && !isSourceId(source))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (inspect.flags) return replayInspected(inspect.flags, (engine) => replayFile(file, source, engine));
  return replayFile(file, source, createEngine(REPLAY_OPTIONS));
}

async function replayFile(file: string, source: string, engine: Engine): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    const document = await replay(
      input,
      source as Parameters<typeof replay>[1],
      ({ line, reason }) => process.stderr.write(`line ${line}: rejected: ${reason}\n`),
      {},
      engine,
      progressFor(file),
    );
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`contactstate: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Progress on stderr while replaying a large file, when stderr is a terminal (`replayProgress.ts`). */
function progressFor(file: string): ReplayProgress | undefined {
  if (file === '-' || !process.stderr.isTTY) return undefined;
  const bytes = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  return bytes >= LARGE_FILE_BYTES ? replayProgress(bytes, (text) => process.stderr.write(text)) : undefined;
}

/** `replay --inspect`: waits for a viewer (or `--inspect-wait`), folds, then serves until Ctrl-C. */
async function replayInspected(flags: InspectFlags, run: (engine: Engine) => Promise<number>): Promise<number> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  let engine: Engine | undefined;
  const server = await startCommandInspector(flags, (observer) => engine?.inspectEntities(observer), say);
  if (typeof server === 'string') {
    say(`contactstate replay: ${server}`);
    return 1;
  }
  engine = createEngine({ ...REPLAY_OPTIONS, inspect: server.inspect, inspectPersonalData: flags.personalData });
  const seconds = flags.waitMs === undefined ? '' : ` (at most ${flags.waitMs / 1000} s)`;
  say(`contactstate replay: waiting for a viewer to connect before folding${seconds}; Ctrl-C stops.`);
  const stopped = untilInterrupted();
  const started = await Promise.race([server.waitForViewer(flags.waitMs), stopped.then(() => 'stopped' as const)]);
  const status = started === 'stopped' ? 0 : await run(engine);
  if (started !== 'stopped') {
    say(`contactstate replay: folded; the inspector stays up on ${server.url} until Ctrl-C.`);
    await stopped;
  }
  const { sentBytes, dropped } = server.stats();
  say(`contactstate replay: inspector stopped (${sentBytes} bytes sent to viewers, ${dropped} messages dropped).`);
  await server.close();
  return status;
}
