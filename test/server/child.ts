// A `contactstate serve` child process for crash tests: started on port 0, its port read from its
// own log line, stopped with the signal the test chooses.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./serveChild.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeChild {
  process: ChildProcess;
  /** Resolves with the base URL once listening; rejects if the child exits first. */
  ready: Promise<string>;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | NodeJS.Signals | null>;
  stderr: string[];
}

/** Every child started, so a failing test cannot leave one running. */
const started = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
}

export function startServe(args: string[], readyTimeoutMs = 30_000): ServeChild {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  started.add(child);
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && entry.msg?.startsWith('contactstate listening')) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    void exited.then((how) => reject(new Error(`serve exited (${String(how)}) before listening: ${stderr.join('')}`)));
    setTimeout(() => reject(new Error(`serve did not listen within ${readyTimeoutMs} ms: ${stderr.join('')}`)), readyTimeoutMs).unref();
  });
  ready.catch(() => undefined);
  return { process: child, ready, exited, stderr };
}
