// GET /queues, /queues/:id and /agents/:id/timeline (DESIGN §7): given a known feed, the JSON is
// the KPIs worked out by hand; bad query values are answered 400 with the reason; the gauges per
// queue carry the same numbers; a late event sends a queue change marked corrected on both feeds.
import type { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contactstatePlugin, MemoryStore, openDurableEngine } from '../../src/server/index.js';
import { at, taskDeliveries } from '../kpi/webexTasks.js';
import { type Harness, readEvents, startServer } from './harness.js';
import { temporaryDatabases } from '../store/tempDb.js';
import { EXPECTED, FEED_END, queueFeed } from './queueFeed.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const DAY_START = Date.UTC(2026, 10, 2);
const BUCKET = 15 * 60_000;
const DAY = 24 * 60 * 60_000;

async function fed(config: Parameters<typeof startServer>[0] = {}): Promise<Harness> {
  const harness = (server = await startServer(config, FEED_END + 60_000));
  for (const delivery of queueFeed()) expect((await harness.post('webex', String(delivery.body))).status).toBe(200);
  return harness;
}

describe('GET /queues', () => {
  it('given the known feed, answers each queue’s live and today’s KPIs, in queue id order', async () => {
    const harness = await fed();
    const { status, body } = await harness.get('/queues');
    expect(status).toBe(200);
    const [q1, q2] = body as { queueId: string; live: Record<string, unknown>; today: Record<string, unknown> }[];
    expect((body as unknown[]).length).toBe(2);
    const { waiting: _w1, ...today1 } = EXPECTED.q1;
    const { waiting: _w2, ...today2 } = EXPECTED.q2;
    expect(q1).toMatchObject({ queueId: 'q1', channelType: null, asOf: at(110), live: { waiting: 0, longestWaitMs: null, offered: 0, inProgress: 0 } });
    expect(q1!.today).toEqual({ from: DAY_START, to: DAY_START + 24 * 3_600_000, ...today1, averageSpeedOfAnswerMs: 20_000, averageHandleTimeMs: 60_000, longestWaitMs: 40_000 });
    expect(q2).toMatchObject({ queueId: 'q2', live: { waiting: 1, longestWaitMs: 20_000 }, today: today2 });
    expect(body).toEqual(harness.durable.engine.queues());
  });

  it('counts the day in the time zone configured', async () => {
    const harness = await fed({ kpis: { timeZone: 'Asia/Tokyo' } });
    const [q1] = (await harness.get('/queues')).body as { today: { from: number; entered: number } }[];
    expect(q1!.today).toMatchObject({ from: Date.UTC(2026, 10, 1, 15), entered: 4 });
  });

  it('answers one row per queue and channel type with ?byChannelType=true', async () => {
    const harness = await fed();
    const rows = (await harness.get('/queues?byChannelType=true')).body as { queueId: string; channelType: string }[];
    expect(rows.map((row) => [row.queueId, row.channelType])).toEqual([
      ['q1', 'telephony'],
      ['q2', 'chat'],
    ]);
  });
});

describe('after a restart', () => {
  const databases = temporaryDatabases();
  it('answers the same queue KPIs and timeline as before it (checkpoint and log)', async () => {
    const db = databases();
    const harness = await fed({ db, checkpointEvery: 7 });
    const paths = ['/queues', '/queues/q1?interval=15m', `/agents/agent-2/timeline?from=${at(0)}&to=${at(600)}`];
    const before = await Promise.all(paths.map((path) => harness.get(path)));
    await harness.close();
    server = await startServer({ db }, FEED_END + 60_000);
    expect(await Promise.all(paths.map((path) => server!.get(path)))).toEqual(before);
    expect(before[0]!.body).toMatchObject([{ queueId: 'q1', today: { entered: EXPECTED.q1.entered } }, { queueId: 'q2' }]);
  });
});

describe('GET /queues/:id', () => {
  it('answers the queue’s KPIs, with the 15-minute intervals over ?from= and ?to=', async () => {
    const harness = await fed();
    expect((await harness.get('/queues/q1')).body).toEqual(harness.durable.engine.queue('q1'));
    const { body } = await harness.get(`/queues/q1?interval=15m&from=${new Date(at(0) - BUCKET).toISOString()}&to=${at(0) + BUCKET}`);
    const { intervals } = body as { intervals: { from: number; to: number; entered: number; serviceLevel: number | null }[] };
    expect(intervals.map(({ from, to, entered, serviceLevel }) => ({ from, to, entered, serviceLevel }))).toEqual([
      { from: at(0) - BUCKET, to: at(0), entered: 0, serviceLevel: null },
      { from: at(0), to: at(0) + BUCKET, entered: 4, serviceLevel: 1 / 3 },
    ]);
  });

  it('answers one channel type with ?channelType=, and 404 for a queue never seen', async () => {
    const harness = await fed();
    expect((await harness.get('/queues/q1?channelType=chat')).body).toMatchObject({ channelType: 'chat', today: { entered: 0 } });
    expect((await harness.get('/queues/q1?channelType=telephony')).body).toMatchObject({ channelType: 'telephony', today: { entered: 4 } });
    expect(await harness.get('/queues/nowhere')).toEqual({ status: 404, body: { error: 'not_found', reason: 'no queue "nowhere" in the KPIs kept' } });
  });

  it('answers 400 with the reason to a bad interval, time, range or channel type', async () => {
    const harness = await fed();
    const bad = async (path: string, reason: RegExp) => expect(await harness.get(path)).toEqual({ status: 400, body: { error: 'bad_query', reason: expect.stringMatching(reason) } });
    await bad('/queues/q1?interval=5m', /^interval is one of 15m, not "5m"$/);
    await bad('/queues/q1?from=yesterday', /^from must be an event time, epoch ms or an ISO date, not "yesterday"$/);
    await bad('/queues/q1?to=2026-13-45', /^to must be an event time/);
    await bad(`/queues/q1?from=${at(10)}&to=${at(0)}`, /^from must be before to/);
    await bad(`/queues/q1?from=${at(0)}&to=${at(0) + 30 * 86_400_000}`, /at most 9 days of intervals/);
    await bad('/queues/q1?channelType=', /^channelType must be a channel type name/);
    await bad('/queues?byChannelType=yes', /^byChannelType is "true" or "false"/);
  });
});

describe('GET /agents/:id/timeline', () => {
  it('answers the agent’s states as intervals over [from, to), and its totals per day', async () => {
    const harness = await fed();
    const { status, body } = await harness.get(`/agents/agent-1/timeline?from=2026-11-02T09:00:00Z&to=${at(3600)}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      agentId: 'agent-1',
      from: at(0),
      to: at(3600),
      asOf: at(110),
      intervals: [
        { state: 'reserved', idleCode: null, tasks: ['task-a'], from: at(5), to: at(10) },
        { state: 'engaged', idleCode: null, tasks: ['task-a'], from: at(10), to: at(70) },
        { state: 'wrapup', idleCode: null, tasks: ['task-a'], from: at(70), to: null },
      ],
      totals: [{ day: DAY_START, loggedInMs: 105_000, byState: { loggedOut: 0, idle: 0, available: 0, reserved: 5000, engaged: 60_000, wrapup: 40_000 }, idleByCode: {} }],
    });
  });

  it('answers a range older than memory keeps from the store, which holds the agent’s whole history', async () => {
    const harness = await fed();
    const historyOf = vi.spyOn(harness.durable.store, 'historyOf');
    const { status, body } = await harness.get(`/agents/agent-1/timeline?from=${DAY_START - 30 * DAY}&to=${DAY_START - 29 * DAY}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ agentId: 'agent-1', intervals: [], totals: [] });
    expect(historyOf).toHaveBeenCalledWith({ kind: 'agent', id: 'agent-1' }, expect.any(Number));
    historyOf.mockClear();
    await harness.get(`/agents/agent-1/timeline?from=${DAY_START}&to=${DAY_START + DAY}`);
    expect(historyOf).not.toHaveBeenCalled();
  });

  it('answers 400 with the reason when from or to is missing, bad, or not in order', async () => {
    const harness = await fed();
    const reason = async (path: string) => ((await harness.get(path)) as { status: number; body: { reason: string } }).body.reason;
    expect((await harness.get('/agents/agent-1/timeline')).status).toBe(400);
    expect(await reason(`/agents/agent-1/timeline?from=${at(0)}`)).toMatch(/^from and to are required/);
    expect(await reason(`/agents/agent-1/timeline?from=${at(0)}&to=soon`)).toBe('to must be an event time, epoch ms or an ISO date, not "soon"');
    expect(await reason(`/agents/agent-1/timeline?from=${at(9)}&to=${at(9)}`)).toMatch(/^from must be before to/);
  });
});

describe('GET /metrics', () => {
  it('carries per queue the tasks waiting, the longest wait in seconds and today’s service level', async () => {
    const harness = await fed();
    const text = (await harness.get('/metrics')).body as string;
    const sample = (name: string, queue: string) => new RegExp(`^contactstate_${name}\\{queue="${queue}"\\} (\\S+)$`, 'm').exec(text)?.[1];
    expect([sample('queue_waiting', 'q1'), sample('queue_waiting', 'q2')]).toEqual(['0', '1']);
    expect([sample('queue_longest_wait_seconds', 'q1'), sample('queue_longest_wait_seconds', 'q2')]).toEqual(['0', '20']);
    expect(Number(sample('queue_service_level', 'q1'))).toBeCloseTo(1 / 3, 12);
  });
});

describe('the change feeds', () => {
  /** Posts task `taskId` answered after 8 s, its queueing last (late), while `feed` is read; the queue changes it saw. */
  async function lateQueueing(harness: Harness, feed: string, taskId: string) {
    const [queued, parked, ...rest] = taskDeliveries(taskId, [{ do: 'queue', at: 100 }, { do: 'ring', at: 104, agent: 'agent-3' }, { do: 'answer', at: 108, agent: 'agent-3' }]);
    const isCorrectedQueue = (data: unknown) => (data as { kind?: string }).kind === 'queue' && (data as { corrected?: boolean }).corrected === true;
    const events = await readEvents(
      `${harness.url}${feed}`,
      (seen) => seen.some((event) => isCorrectedQueue(event.data)),
      async () => {
        for (const delivery of [...rest, queued!, parked!]) await harness.post('webex', String(delivery.body));
      },
    );
    return events.filter((event) => (event.data as { kind?: string }).kind === 'queue' && (event.event === 'change' || event.event === 'queue'));
  }

  it('send a queue’s KPIs when they change, marked corrected when a late event changed them (the view feed)', async () => {
    const harness = await fed();
    const changes = await lateQueueing(harness, '/changes', 'task-f');
    expect(changes.at(-1)).toMatchObject({ event: 'change', data: { kind: 'queue', id: 'q1', corrected: true, view: { today: { entered: 5, answered: 3, answeredWithinThreshold: 2 } } } });
    expect(changes.slice(0, -1).every((event) => (event.data as { corrected: boolean }).corrected === false)).toBe(true);
  });

  it('send them on the patch feed too when asked (`&queues=1`), as `event: queue`, the late one marked corrected', async () => {
    const harness = await fed();
    const changes = await lateQueueing(harness, '/changes?format=patch&queues=1', 'task-g');
    expect(changes.at(-1)).toMatchObject({ event: 'queue', data: { kind: 'queue', id: 'q1', corrected: true, view: { today: { entered: 5, answered: 3 } } } });
  });

  it('with ?format=patch&queues=1, send every queue’s current KPIs after the document (none without queues=1); with ?snapshot=1, as views', async () => {
    const harness = await fed();
    const plain = await readEvents(`${harness.url}/changes?format=patch`, (seen) => seen.length >= 2, () => harness.post('webex', String(taskDeliveries('task-h', [{ do: 'queue', at: 115 }])[0]!.body)));
    expect(plain.map(({ event }) => event)).toEqual(['document', 'patch']);
    const patchFeed = await readEvents(`${harness.url}/changes?format=patch&queues=1`, (seen) => seen.length >= 3);
    expect(patchFeed.map(({ event, data }) => [event, (data as { id?: string }).id])).toEqual([
      ['document', undefined],
      ['queue', 'q1'],
      ['queue', 'q2'],
    ]);
    expect(patchFeed[1]!.data).toEqual({ kind: 'queue', id: 'q1', view: harness.durable.engine.queue('q1'), corrected: false });
    const snapshot = await readEvents(`${harness.url}/changes?snapshot=1`, (seen) => seen.some((event) => (event.data as { kind: string }).kind === 'queue' && (event.data as { id: string }).id === 'q2'));
    expect(snapshot.filter((event) => (event.data as { kind: string }).kind === 'queue').map((event) => [event.event, (event.data as { id: string }).id])).toEqual([
      ['view', 'q1'],
      ['view', 'q2'],
    ]);
  });
});

describe('a plugin on an engine opened without the kpis option', () => {
  it('answers the KPI routes 501 with the reason, and has no queue gauges', async () => {
    const app = fastify();
    const durable = await openDurableEngine({ store: new MemoryStore() });
    await app.register(contactstatePlugin, { durable });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/queues', '/queues/q1', '/agents/a1/timeline?from=0&to=1']) {
        const answer = await fetch(`${url}${path}`);
        expect([path, answer.status, await answer.json()]).toEqual([path, 501, { error: 'kpis_off', reason: expect.stringContaining('`kpis` option') }]);
      }
      expect(await (await fetch(`${url}/metrics`)).text()).not.toContain('contactstate_queue_');
    } finally {
      await app.close();
    }
  });
});
