// The receiver over real HTTP: every status it answers, the state API against `replay`, the
// change stream (with a correction), metrics and the dead-letter.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { replay } from '../../src/cli/replay.js';
import { webexSample } from '../store/feeds.js';
import { type Harness, readEvents, startServer } from './harness.js';
import { webexEvent } from './webexEvents.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lines = webexSample(400).map((delivery) => delivery.line);

describe('POST /webhooks/:source', () => {
  it('answers 200 once appended, with the outcome and the log position; a redelivery is a duplicate', async () => {
    server = await startServer();
    const first = await server.post('webex', lines[0]!);
    expect(first).toEqual({ status: 200, body: { status: 'applied', seq: 1, eventId: '7ea-00000039' } });
    expect(await server.post('webex', lines[0]!)).toMatchObject({ status: 200, body: { status: 'duplicate', seq: 2 } });
    await server.durable.flush();
    expect((await server.durable.store.deliveriesAfter(0, 10)).map((logged) => logged.status)).toEqual(['applied', 'duplicate']);
  });

  it('logs a delivery folded as expected at debug only, and one kept as rejected or late at warn whatever the level', async () => {
    const rejected = JSON.stringify({ id: 'x-1', specversion: '1.0', type: 'task:new', source: '/s', data: { createdTime: 1 } });
    const webhookLines = (harness: Harness) => harness.logs.filter((line) => String(line['msg']).startsWith('webhook'));
    server = await startServer({ logLevel: 'info' });
    await server.post('webex', lines[0]!);
    await server.post('webex', rejected);
    expect(webhookLines(server)).toEqual([expect.objectContaining({ level: 40, seq: 2, status: 'rejected' })]);
    await server.close();

    // A late delivery is kept in the dead-letter and asks for a reconcile: logged at warn too.
    server = await startServer({ logLevel: 'info', horizonMs: 60_000 });
    const at = server.clock.now - 2 * 3_600_000;
    const state = (id: string, time: number, currentState: string) => webexEvent(id, 'agent:state_change', { agentId: 'aL', currentState, createdTime: time });
    await server.post('webex', state('l-1', at, 'Idle'));
    await server.post('webex', state('l-2', at + 3_600_000, 'Available'));
    await server.post('webex', state('l-3', at + 3_600_000 + 60_001, 'Idle'));
    expect(await server.post('webex', state('l-4', at + 5, 'Available'))).toMatchObject({ body: { status: 'late' } });
    expect(webhookLines(server)).toEqual([expect.objectContaining({ level: 40, seq: 4, status: 'late' })]);
    await server.close();

    server = await startServer({ logLevel: 'debug' });
    await server.post('webex', lines[0]!);
    await server.post('webex', rejected);
    expect(webhookLines(server)).toEqual([
      expect.objectContaining({ level: 20, msg: 'webhook', seq: 1, source: 'webex', status: 'applied', eventId: '7ea-00000039' }),
      expect.objectContaining({ level: 40, seq: 2, status: 'rejected' }),
    ]);
  });

  it('answers 400 with the reason for a payload it rejects, and keeps it in the dead-letter', async () => {
    server = await startServer();
    const body = JSON.stringify({ id: 'x-1', specversion: '1.0', type: 'task:new', source: '/s', data: { createdTime: 1 } });
    const answer = await server.post('webex', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 'rejected', seq: 1, reason: expect.stringContaining('taskId') });
    expect((answer.body['issues'] as unknown[]).length).toBeGreaterThan(0);
    const letters = (await server.get('/dead-letters')).body as { seq: number; status: string; body: string }[];
    expect(letters).toEqual([expect.objectContaining({ seq: 1, status: 'rejected', body })]);
    expect((await server.get('/tasks')).body).toEqual({});
  });

  it('passes its receive time on: a delivery stamped a day ahead is folded, answered skewed, logged and counted', async () => {
    server = await startServer();
    const ahead = webexEvent('future-1', 'task:new', { taskId: 'tF', createdTime: server.clock.now + 24 * 3_600_000 });
    const answer = await server.post('webex', ahead);
    expect(answer).toMatchObject({ status: 200, body: { status: 'applied', reason: expect.stringContaining('ahead of its receive time') } });
    expect(server.logs.some((line) => line['status'] === 'applied' && line['skewed'] === 24 * 3_600_000)).toBe(true);
    const metrics = await fetch(`${server.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('contactstate_skewed_total{source="webex"} 1');
  });

  it('answers 200 to the 8x8 verification request, which asserts nothing', async () => {
    server = await startServer();
    const answer = await server.post('8x8', JSON.stringify({ notificationVersion: 'v2.0', eventType: 'WEB_HOOK_VERIFY' }));
    expect(answer).toMatchObject({ status: 200, body: { status: 'ignored' } });
  });

  it('answers 413 over the body limit, 415 to a body that is not JSON-typed, 404 to an unknown source', async () => {
    server = await startServer({ bodyLimit: 1024 });
    expect((await server.post('webex', `{"pad":"${'x'.repeat(2000)}"}`)).status).toBe(413);
    expect((await server.post('webex', lines[0]!, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await server.post('genesys', lines[0]!)).status).toBe(404);
    expect((await server.post('webex', lines[0]!, { 'content-type': 'application/cloudevents+json; charset=utf-8' })).status).toBe(200);
    expect(server.durable.store.deliveriesAfter(0, 10)).toHaveLength(1);
  });

  it('answers 503 when the delivery cannot be committed, and folds nothing', async () => {
    server = await startServer();
    server.durable.store.commit = () => {
      throw new Error('disk full');
    };
    expect(await server.post('webex', lines[0]!)).toMatchObject({ status: 503, body: { error: 'not_committed' } });
    expect((await server.get('/agents')).body).toEqual({});
  });
});

describe('the state API', () => {
  it('serves the views of the replay document for the same deliveries', async () => {
    server = await startServer();
    for (const line of lines) await server.post('webex', line);
    const document = await replay(Readable.from(lines.map((line) => `${line}\n`)), 'webex', () => undefined);
    const state = (await server.get('/state')).body as typeof document;
    expect(state.agents).toEqual(document.agents);
    expect(state.tasks).toEqual(document.tasks);
    expect((await server.get('/agents')).body).toEqual(document.agents);
    expect((await server.get('/tasks')).body).toEqual(document.tasks);
    const [agentId, agent] = Object.entries(document.agents)[0]!;
    expect(await server.get(`/agents/${agentId}`)).toEqual({ status: 200, body: agent });
    const [taskId, task] = Object.entries(document.tasks)[0]!;
    expect(await server.get(`/tasks/${taskId}`)).toEqual({ status: 200, body: task });
    expect((await server.get('/agents/nobody')).status).toBe(404);
    expect((await server.get('/tasks/nothing')).status).toBe(404);
    expect(await server.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok', appliedSeq: lines.length } });
  });
});

describe('GET /changes', () => {
  it('streams each change, and marks one revised by a late delivery as corrected', async () => {
    server = await startServer();
    const time = Date.UTC(2026, 10, 1, 9);
    const connected = webexEvent('e-2', 'task:connected', { taskId: 't-1', createdTime: time + 10_000 });
    const created = webexEvent('e-1', 'task:new', { taskId: 't-1', channelType: 'telephony', direction: 'INBOUND', origin: '+15550001', createdTime: time });
    const harness = server;
    const events = await readEvents(
      `${server.url}/changes`,
      (seen) => seen.length >= 2,
      async () => {
        await harness.post('webex', connected);
        await harness.post('webex', created);
      },
    );
    expect(events.map(({ event, data }) => ({ event, ...(data as object) }))).toEqual([
      expect.objectContaining({ event: 'change', kind: 'task', id: 't-1', corrected: false, view: expect.objectContaining({ state: 'connected' }) }),
      expect.objectContaining({ event: 'change', kind: 'task', id: 't-1', corrected: true, view: expect.objectContaining({ state: 'connected', origin: '+15550001' }) }),
    ]);
  });

  it('sends the current views first when asked', async () => {
    server = await startServer();
    await server.post('webex', lines[0]!);
    const events = await readEvents(`${server.url}/changes?snapshot=1`, (seen) => seen.length >= 1);
    expect(events[0]).toMatchObject({ event: 'view', data: { kind: 'agent', id: 'agent-0020', corrected: false } });
  });

  it('ends open streams when the server closes, instead of waiting for them', async () => {
    const harness = await startServer();
    const reading = readEvents(`${harness.url}/changes`, () => false, () => harness.close(), 10_000);
    const started = Date.now();
    await reading;
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('GET /metrics', () => {
  it('counts deliveries by source and outcome, duplicates, ingest latency, and the engine gauges', async () => {
    server = await startServer();
    await server.post('webex', lines[0]!);
    await server.post('webex', lines[0]!);
    await server.post('webex', 'not json');
    const { status, body } = await server.get('/metrics');
    expect(status).toBe(200);
    const text = body as string;
    expect(text).toContain('contactstate_deliveries_total{source="webex",outcome="applied"} 1');
    expect(text).toContain('contactstate_deliveries_total{source="webex",outcome="duplicate"} 1');
    expect(text).toContain('contactstate_deliveries_total{source="webex",outcome="rejected"} 1');
    expect(text).toContain('contactstate_duplicate_total{source="webex"} 1');
    expect(text).toContain('contactstate_ingest_duration_seconds_count{source="webex"} 3');
    expect(text).toMatch(/contactstate_agents 1\b/);
    expect(text).toMatch(/contactstate_entities_with_gaps \d+/);
  });
});
