// `contactstate replay FILE` as a whole process, the way a user runs it: node start-up, module
// loading, reading and folding the file, and printing the document (discarded here).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { timedAsync } from '../support/measure.js';

const CLI = fileURLToPath(new URL('../../bin/contactstate.js', import.meta.url));

export interface ReplayResult {
  seconds: number;
  outputBytes: number;
}

export async function replayProcess(file: string): Promise<ReplayResult> {
  let outputBytes = 0;
  let errors = '';
  let code: number | null = null;
  const seconds = await timedAsync(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, 'replay', file], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk: Buffer) => (outputBytes += chunk.length));
        child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        child.on('error', reject);
        child.on('close', (exit) => {
          code = exit;
          resolve();
        });
      }),
  );
  if (code !== 0 || errors !== '') throw new Error(`replay exited ${code}: ${errors.slice(0, 2000)}`);
  return { seconds, outputBytes };
}
