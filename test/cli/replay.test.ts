// `contactstate replay` (DESIGN §5): one JSON document {agents, tasks, stats}; rejected lines on
// stderr with their line number; exit 0 unless the input cannot be read.
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { disorder } from '../../examples/disorder.js';
import { seededRandom } from '../../examples/random.js';
import { replay, type RejectedLine } from '../../src/cli/replay.js';
import { AGENT_STATES, CHANNEL_STATES, TASK_STATES } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = `${ROOT}examples/webex-sample.ndjson`;
const fromLines = (lines: string[]) => Readable.from([lines.join('\n')]);

describe('replay', () => {
  it('turns the shipped sample hour into state named exactly as DESIGN §3', async () => {
    const document = await replay(createReadStream(SAMPLE), 'auto', () => {
      throw new Error('the sample has no bad line');
    });
    const agents = Object.values(document.agents);
    const tasks = Object.values(document.tasks);
    expect(agents.length).toBeGreaterThanOrEqual(20);
    expect(tasks.length).toBeGreaterThanOrEqual(200);
    for (const agent of agents) {
      expect(AGENT_STATES).toContain(agent.state);
      for (const channel of Object.values(agent.channels)) expect(CHANNEL_STATES).toContain(channel);
    }
    for (const task of tasks) expect(TASK_STATES).toContain(task.state);
    const seen = new Set(tasks.flatMap((task) => Object.keys(task.enteredAt)));
    for (const state of ['queued', 'offered', 'connected', 'held', 'consulting', 'conferencing', 'ended', 'wrapup', 'closed']) {
      expect(seen).toContain(state);
    }
    expect(document.stats).toMatchObject({ lines: readFileSync(SAMPLE, 'utf8').trim().split('\n').length, outcomes: { rejected: 0, late: 0, conflict: 0 } });
  });

  it('gives the same state for the sample shuffled and duplicated like a webhook feed', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const feed = lines.map((line) => ({ time: (JSON.parse(line) as { data: { createdTime: number } }).data.createdTime, line }));
    const shuffled = disorder(feed, seededRandom(7), { displaced: 0.1, maxDelayMs: 120_000, duplicated: 0.05 }).map((delivery) => delivery.line);
    const inOrder = await replay(fromLines(lines), 'webex', () => {});
    const disordered = await replay(fromLines(shuffled), 'webex', () => {});
    expect(disordered.agents).toEqual(inOrder.agents);
    expect(disordered.tasks).toEqual(inOrder.tasks);
    expect(disordered.stats.outcomes.duplicate).toBeGreaterThan(0);
    expect(disordered.stats.outcomes.reordered).toBeGreaterThan(0);
  });

  it('reports rejected lines with their number and reason, and applies the rest', async () => {
    const rejected: RejectedLine[] = [];
    const login = JSON.stringify({ id: 'l', type: 'agent:login', data: { agentId: 'a1', currentState: 'Idle', createdTime: 1 } });
    const wrapped = JSON.stringify({ source: 'webex', headers: { 'content-type': 'application/json' }, body: { id: 'n', type: 'task:new', data: { taskId: 't1', createdTime: 2 } } });
    const document = await replay(fromLines([login, '', 'garbage', wrapped, '{"id":"x","type":"task:new","data":{}}']), 'auto', (line) => rejected.push(line));
    expect(rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/not JSON/) },
      { line: 5, reason: 'webex: data.taskId: Invalid input: expected string, received undefined' },
    ]);
    expect(document.agents.a1?.state).toBe('idle');
    expect(document.tasks.t1?.state).toBe('new');
    expect(document.stats.outcomes).toMatchObject({ applied: 2, rejected: 2 });
  });
});

describe('contactstate replay, the command', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [`${ROOT}bin/contactstate.js`, ...args], { input, encoding: 'utf8', cwd: ROOT });

  it('prints the document on stdout, rejected lines on stderr, and exits 0', () => {
    const result = run(['replay', '--source', 'webex', '-'], '{"id":"l","type":"agent:login","data":{"agentId":"a1","createdTime":1}}\nnope\n');
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { agents: Record<string, { state: string }>; tasks: object; stats: object };
    expect(Object.keys(document)).toEqual(['agents', 'tasks', 'stats']);
    expect(document.agents.a1?.state).toBe('idle');
    expect(result.stderr).toMatch(/^line 2: rejected: body is not JSON/);
  });

  it('exits 1 when the input cannot be read, and 2 on a usage error', () => {
    expect(run(['replay', '/nonexistent/feed.ndjson']).status).toBe(1);
    expect(run(['replay', '--source', 'genesys', SAMPLE]).status).toBe(2);
    expect(run(['replay']).status).toBe(2);
  });
});
