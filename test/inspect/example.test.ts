// examples/inspector.ts stays runnable: it serves the inspector, feeds the sample, and a viewer
// that connects sees the entities arrive.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('examples/inspector.ts', () => {
  it('serves the inspector and feeds it the sample until Ctrl-C', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/inspector.ts', '0'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      for (const deadline = Date.now() + 20_000; !/open (http:\S+)/.test(stderr); await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no address printed: ${stderr}`);
      }
      const url = /open (http:\S+)/.exec(stderr)![1]!;
      const actors = new Set<string>();
      const socket = new WebSocket(url.replace('http', 'ws'));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; name?: string };
        if (message.type === '@xstate.actor') actors.add(message.name!);
      });
      const hasTask = () => [...actors].some((name) => name.startsWith('task:'));
      for (const deadline = Date.now() + 20_000; !hasTask(); await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() > deadline) throw new Error(`no task among the ${actors.size} actors that arrived`);
      }
      expect([...actors].some((name) => name.startsWith('agent:'))).toBe(true);
      socket.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
