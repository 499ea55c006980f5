// `contactstate serve` (the built CLI) as a child process of a benchmark: on a port picked here,
// waited for until /healthz answers, stopped with SIGTERM (SIGKILL if it does not exit).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/contactstate.js', import.meta.url));

export interface ServeProcess {
  process: ChildProcess;
  url: string;
  /** What it wrote to stderr so far (for error messages). */
  errors(): string;
}

/** Starts `contactstate serve ...args` on a free loopback port (with `nodeFlags` for node itself,
 *  e.g. `--cpu-prof`); resolves once it is healthy. */
export async function startServe(args: string[], nodeFlags: string[] = []): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeFlags, CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const served: ServeProcess = { process: child, url: `http://127.0.0.1:${port}`, errors: () => errors };
  try {
    await waitUntilHealthy(served);
  } catch (error) {
    await stopServe(served);
    throw error;
  }
  return served;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilHealthy({ process: child, url, errors }: ServeProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`contactstate serve exited with ${child.exitCode}: ${errors().slice(0, 2000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`contactstate serve did not become healthy within 30 s: ${errors().slice(0, 2000)}`);
}

export function stopServe({ process: child }: ServeProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
