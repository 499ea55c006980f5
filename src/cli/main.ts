// The `contactstate` command line.
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { isSourceId } from '../sources/ndjsonLine.js';
import { replay } from './replay.js';

const USAGE = `usage: contactstate replay [--source webex|webex-sdk|vonage|8x8|telax|auto] FILE|-
       contactstate serve [--port N] [--db PATH] [--demo] ... (contactstate serve --help)`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Loaded on demand: replay needs neither fastify nor the native SQLite module.
  if (command === 'serve') return (await import('./serve.js')).serve(rest);
  if (command !== 'replay') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { source: { type: 'string', default: 'auto' } },
    allowPositionals: true,
  });
  const source = values.source;
  const file = positionals[0];
  if (!file || (source !== 'auto' && !isSourceId(source))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    const document = await replay(input, source as Parameters<typeof replay>[1], ({ line, reason }) =>
      process.stderr.write(`line ${line}: rejected: ${reason}\n`),
    );
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`contactstate: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
}
