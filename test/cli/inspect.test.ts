// `--inspect [PORT]` on replay and serve: the inspector server on loopback, exactly what to open
// printed; replay waits for a viewer (or `--inspect-wait`), folds, keeps serving until Ctrl-C,
// and prints the same document as without it. Bad values are bad input: exit 2, saying why.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_INSPECT_PORT, takeInspectFlags } from '../../src/cli/inspectFlags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = 'examples/vonage-sample.ndjson';
const cli = (args: string[]) => spawnSync(process.execPath, ['bin/contactstate.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A running command, its stderr collected, resolving the inspector's URL once printed. */
function running(args: string[]) {
  const child = spawn(process.execPath, ['bin/contactstate.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp) => {
    for (const deadline = Date.now() + 20_000; !pattern.test(stderr); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${String(pattern)} in: ${stderr}`);
    }
    return pattern.exec(stderr)!;
  };
  return { child, exited, waitFor, stdout: () => stdout, stderr: () => stderr };
}

function viewer(url: string) {
  const received: { type: string; event?: { type: string } }[] = [];
  const socket = new WebSocket(url.replace('http', 'ws'));
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as { type: string }));
  return { received, opened: new Promise((resolve) => socket.once('open', resolve)), close: () => socket.close() };
}

describe('--inspect flags', () => {
  it('take an optional port, leave a file name alone, and refuse what is not a port', () => {
    expect(takeInspectFlags(['--inspect', 'feed.ndjson'], { wait: true })).toEqual({ ok: true, flags: { port: DEFAULT_INSPECT_PORT, personalData: 'masked' }, rest: ['feed.ndjson'] });
    expect(takeInspectFlags(['--inspect', '0', '--inspect-unmasked', '-'], { wait: true })).toEqual({ ok: true, flags: { port: 0, personalData: 'unmasked' }, rest: ['-'] });
    expect(takeInspectFlags(['--inspect=9000', '--inspect-wait', '2.5', 'f'], { wait: true })).toMatchObject({ ok: true, flags: { port: 9000, waitMs: 2500 }, rest: ['f'] });
    expect(takeInspectFlags(['--port', '3000'], { wait: false })).toEqual({ ok: true, flags: undefined, rest: ['--port', '3000'] });
    for (const [args, error] of [
      [['--inspect', '65536'], /from 0 to 65535, not "65536"/],
      [['--inspect=http'], /not "http"/],
      [['--inspect=-1'], /not "-1"/],
      [['--inspect', '--inspect-wait', 'soon'], /not "soon"/],
      [['--inspect-wait', '3'], /goes with --inspect/],
      [['--inspect-unmasked'], /goes with --inspect/],
    ] as const) {
      expect(takeInspectFlags(args, { wait: true })).toEqual({ ok: false, error: expect.stringMatching(error) });
    }
    // serve has no --inspect-wait: it is left for serve's own parsing to refuse.
    expect(takeInspectFlags(['--inspect-wait', '3'], { wait: false })).toMatchObject({ ok: true, rest: ['--inspect-wait', '3'] });
  });

  it('make replay and serve exit 2 with the reason on a bad port', () => {
    for (const args of [['replay', '--inspect', '70000', SAMPLE], ['replay', '--inspect=abc', SAMPLE], ['serve', '--inspect', '99999'], ['serve', '--inspect-wait', '1']]) {
      const result = cli(args);
      expect({ args, status: result.status }).toEqual({ args, status: 2 });
      expect(result.stderr).toMatch(/port must be a whole number|--inspect-wait|Unknown option/);
    }
  });
});

describe('replay --inspect', () => {
  it('waits for a viewer, streams the fold to it, prints the same document, and serves until Ctrl-C', async () => {
    const plain = cli(['replay', SAMPLE]);
    const command = running(['replay', '--inspect', '0', SAMPLE]);
    const [, url] = await command.waitFor(/XState inspector on (http:\/\/127\.0\.0\.1:\d+\/)/);
    await command.waitFor(/waiting for a viewer/);
    expect(command.stdout()).toBe('');
    const watching = viewer(url!);
    await watching.opened;
    await command.waitFor(/folded; the inspector stays up/);
    expect(command.stdout()).toBe(plain.stdout);
    const document = JSON.parse(plain.stdout) as { tasks: object; agents: object };
    const actors = watching.received.filter((message) => message.type === '@xstate.actor');
    expect(actors.length).toBeGreaterThanOrEqual(Object.keys(document.tasks).length + Object.keys(document.agents).length);
    // A second viewer, late: every live entity as it is now.
    const late = viewer(url!);
    await late.opened;
    await command.waitFor(/viewer connected \(2 now\)/);
    for (const deadline = Date.now() + 5_000; late.received.filter((message) => message.type === '@xstate.actor').length < actors.length; await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error('the late viewer did not get every entity');
    }
    expect(late.received.filter((message) => message.event?.type === 'contactstate.current').length).toBe(2 * actors.length);
    watching.close();
    late.close();
    command.child.kill('SIGINT');
    expect(await command.exited).toBe(0);
    expect(command.stderr()).toMatch(/inspector stopped \(\d+ bytes sent to viewers, 0 messages dropped\)/);
  });

  it('folds after --inspect-wait seconds without a viewer', async () => {
    const command = running(['replay', '--inspect', '0', '--inspect-wait', '0.2', SAMPLE]);
    await command.waitFor(/at most 0.2 s/);
    await command.waitFor(/folded; the inspector stays up/);
    expect(JSON.parse(command.stdout())).toHaveProperty('tasks');
    command.child.kill('SIGINT');
    expect(await command.exited).toBe(0);
  });
});

describe('serve --inspect', () => {
  it('serves the inspector beside the receiver: a viewer sees what the webhooks assert, live', async () => {
    const command = running(['serve', '--port', '0', '--db', ':memory:', '--inspect', '0']);
    const [, url] = await command.waitFor(/XState inspector on (http:\/\/127\.0\.0\.1:\d+\/)/);
    const watching = viewer(url!);
    await watching.opened;
    for (const deadline = Date.now() + 20_000; !/contactstate listening on (\S+):/.test(command.stdout()); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error(`the receiver did not start: ${command.stderr()}`);
    }
    const receiver = /contactstate listening on (\S+):/.exec(command.stdout())![1]!;
    const delivery = { id: 'e1', specversion: '1.0', type: 'task:new', data: { taskId: 'call-1', createdTime: 1_700_000_000_000 } };
    const answer = await fetch(`${receiver}/webhooks/webex`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery) });
    expect(answer.status).toBe(200);
    for (const deadline = Date.now() + 10_000; !watching.received.some((message) => message.event?.type === 'task.new'); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error('the viewer did not see the delivery');
    }
    expect(watching.received.find((message) => message.type === '@xstate.actor')).toMatchObject({ name: 'task:call-1' });
    watching.close();
    command.child.kill('SIGINT');
    expect(await command.exited).toBe(0);
  });
});
