// The wallboard in a real browser (Debian's chromium, driven by playwright-core): a receiver with a
// read token on a free loopback port, the page at `/`, deliveries posted while it watches. The page
// asks for the token once (a wrong one is refused), then shows the new
// states (the counts and the agent's row), the queue panel with the numbers of a known feed, a late delivery as a correction, says it is
// reconnecting while the receiver is down, and recovers by itself when it is back. A screenshot of
// the loaded wallboard is left in test-artifacts/ (not committed).
//
// Without /usr/bin/chromium the suite says so and skips; under .ci/run (CONTACTSTATE_REQUIRE_BROWSER=1)
// a missing browser fails it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type BuiltServer } from '../../src/server/buildServer.js';
import { BASE_CONFIG } from '../server/harness.js';
import { webexEvent } from '../server/webexEvents.js';
import { webexSample } from '../store/feeds.js';
import { EXPECTED, queueFeed } from '../server/queueFeed.js';
import { taskDeliveries } from '../kpi/webexTasks.js';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env['CONTACTSTATE_REQUIRE_BROWSER'] === '1';
const present = existsSync(CHROMIUM);
if (!present && !required) {
  process.stderr.write(`\n*** test/browser: ${CHROMIUM} not found: the wallboard's browser tests are SKIPPED (apt-get install -y chromium) ***\n\n`);
}
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const WAIT = { timeout: 20_000, interval: 200 };
const TOKEN = 'wallboard-browser-test-token-0123';
const READ = { authorization: `Bearer ${TOKEN}` };

describe.skipIf(!present && !required)('the wallboard in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contactstate-wallboard-'));
  const db = join(dir, 'wallboard.db');
  let server: BuiltServer | undefined;
  let port = 0;
  let context: BrowserContext;
  let page: Page;
  const sample = webexSample(300);
  const T = sample.at(-1)!.time + 1000;

  async function startReceiver(): Promise<void> {
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    server = await buildServer({ ...BASE_CONFIG, db, port, readTokens: [TOKEN] }, { logStream: quiet });
    await server.app.listen({ port, host: '127.0.0.1' });
    port = (server.app.server.address() as AddressInfo).port;
  }

  async function post(body: string): Promise<void> {
    const answer = await fetch(`http://127.0.0.1:${port}/webhooks/webex`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(200);
  }

  const state = async () => (await (await fetch(`http://127.0.0.1:${port}/state`, { headers: READ })).json()) as { agents: Record<string, { state: string }> };
  const row = (agent: string) => page.locator(`tr[data-agent="${agent}"]`);
  const status = () => page.getByRole('status').textContent();
  /** The count under a state's column in the "Agents by state" table. */
  async function shownCount(agentState: string): Promise<string | null> {
    const table = page.getByRole('table', { name: 'Agents by state' });
    const headers = await table.locator('thead th').allTextContents();
    return table.locator('tbody td').nth(headers.indexOf(agentState)).textContent();
  }
  async function expectedCount(agentState: string): Promise<string> {
    return String(Object.values((await state()).agents).filter((agent) => agent.state === agentState).length);
  }

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is required here (CONTACTSTATE_REQUIRE_BROWSER=1): apt-get install -y chromium`);
    await startReceiver();
    for (const delivery of queueFeed()) await post(String(delivery.body));
    for (const { line } of sample) await post(line);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1500, height: 1100 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/`);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the read token once, refuses a wrong one, and keeps the right one for the session', async () => {
    const token = page.getByLabel('Read token');
    await expect.poll(() => token.count(), WAIT).toBe(1);
    await token.fill(`${TOKEN}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toBe('That token is not accepted.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-sign-in.png') });
    await token.fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(status, WAIT).toMatch(/^Live/);
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect.poll(status, WAIT).toMatch(/^Live/);
  }, 60_000);

  /** The queue panel's cells of one queue, by column name (so a column shown under another's name fails). */
  async function queueCells(queue: string): Promise<Record<string, string>> {
    const table = page.getByRole('table', { name: /service level against its target of 80 %/ });
    const headers = await table.locator('thead th').allTextContents();
    const cells = await table.locator(`tr[data-queue="${queue}"]`).locator('th, td').allTextContents();
    return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? '']));
  }
  const longestWait = async (queue: string) => {
    const kpis = (await (await fetch(`http://127.0.0.1:${port}/queues/${queue}`, { headers: READ })).json()) as { live: { longestWaitMs: number } };
    return formatWait(kpis.live.longestWaitMs);
  };
  const formatWait = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

  it('shows the queue panel: per queue, today’s service level against its target, waiting, longest wait and abandoned', async () => {
    await expect.poll(status, WAIT).toMatch(/^Live/);
    await expect.poll(() => queueCells('q1'), WAIT).toEqual({ queue: 'q1', 'service level': '33 % (below target)', waiting: String(EXPECTED.q1.waiting), 'longest wait': '–', abandoned: String(EXPECTED.q1.abandoned) });
    await expect.poll(() => queueCells('q2'), WAIT).toEqual({ queue: 'q2', 'service level': '0 % (below target)', waiting: '1', 'longest wait': await longestWait('q2'), abandoned: '0' });
    // Another task queues in q2: the panel follows the feed.
    for (const delivery of taskDeliveries('task-q2', [{ do: 'queue', at: 95 }], { queueId: 'q2', channelType: 'chat' })) await post(String(delivery.body));
    await expect.poll(async () => (await queueCells('q2')).waiting, WAIT).toBe('2');
    await page.getByRole('region', { name: 'Queues' }).screenshot({ path: join(ARTIFACTS, 'wallboard-queues.png') });
  }, 60_000);

  it('shows a new agent in its row and in the counts, then its new state', async () => {
    await expect.poll(status, WAIT).toMatch(/^Live/);
    await post(webexEvent('wb-1', 'agent:login', { agentId: 'agent-wb', currentState: 'Available', teamId: 'team-wb', createdTime: T }));
    await expect.poll(() => row('agent-wb').locator('td').first().textContent(), WAIT).toBe('available');
    await expect.poll(() => shownCount('available'), WAIT).toBe(await expectedCount('available'));

    await post(webexEvent('wb-2', 'agent:state_change', { agentId: 'agent-wb', currentState: 'connected', taskId: 'task-wb', createdTime: T + 2000 }));
    await expect.poll(() => row('agent-wb').locator('td').first().textContent(), WAIT).toBe('engaged');
    await expect.poll(() => row('agent-wb').locator('td').nth(2).textContent(), WAIT).toBe('task-wb');
    await expect.poll(() => shownCount('engaged'), WAIT).toBe(await expectedCount('engaged'));
    await expect.poll(() => page.locator('tr[data-task="task-wb"] td').first().textContent(), WAIT).toBe('connected');
  }, 60_000);

  it('shows a late delivery that revised a task as a correction', async () => {
    await post(webexEvent('wb-3', 'task:connected', { taskId: 'task-late', queueId: 'q-late', createdTime: T + 10_000 }));
    await expect.poll(() => page.locator('tr[data-task="task-late"] td').first().textContent(), WAIT).toBe('connected');
    await post(webexEvent('wb-4', 'task:new', { taskId: 'task-late', channelType: 'telephony', origin: '+15550199', createdTime: T + 1000 }));
    const corrections = page.getByRole('region', { name: 'Last corrections' }).getByRole('listitem');
    await expect.poll(() => corrections.first().textContent(), WAIT).toMatch(/task task-late \(.*origin/);
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard.png'), fullPage: true });
  }, 60_000);

  it('says it is reconnecting while the receiver is down, and recovers by itself when it is back', async () => {
    await server!.app.close();
    await expect.poll(status, WAIT).toMatch(/^Reconnecting/);
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-reconnecting.png') });
    await startReceiver();
    await post(webexEvent('wb-5', 'agent:state_change', { agentId: 'agent-wb', currentState: 'wrapup', taskId: 'task-wb', createdTime: T + 20_000 }));
    await expect.poll(() => row('agent-wb').locator('td').first().textContent(), { ...WAIT, timeout: 40_000 }).toBe('wrapup');
    await expect.poll(status, WAIT).toMatch(/^Live/);
    await expect.poll(() => shownCount('wrapup'), WAIT).toBe(await expectedCount('wrapup'));
  }, 90_000);
});
