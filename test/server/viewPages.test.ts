// GET /tasks and GET /agents a page at a time, filtered by state and event time; GET /tasks/:id
// answers a finished task that left memory from the store.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startServer } from './harness.js';
import { webexEvent } from './webexEvents.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const T = Date.UTC(2026, 10, 3, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Posts a Webex event at `time`, received then (the server's clock follows). */
async function postAt(time: number, id: string, type: string, data: Record<string, unknown>) {
  server!.clock.now = time;
  return server!.post('webex', webexEvent(id, type, { ...data, createdTime: time }));
}

describe('GET /tasks and /agents, a page at a time', () => {
  it('answers views by id, filtered by ?state= and ?since=, paged by ?limit= with a Link to the next page', async () => {
    server = await startServer({}, T);
    for (let n = 0; n < 5; n++) {
      await postAt(T + n * MINUTE, `n${n}`, 'task:new', { taskId: `t${n}` });
      if (n % 2 === 0) await postAt(T + n * MINUTE + 1, `e${n}`, 'task:ended', { taskId: `t${n}` });
    }
    const first = await fetch(`${server.url}/tasks?limit=2`);
    expect(Object.keys((await first.json()) as object)).toEqual(['t0', 't1']);
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBe('/tasks?limit=2&after=t1');
    expect(Object.keys((await server.get(next!)).body as object)).toEqual(['t2', 't3']);
    const last = await fetch(`${server.url}/tasks?limit=2&after=t3`);
    expect(Object.keys((await last.json()) as object)).toEqual(['t4']);
    expect(last.headers.get('link')).toBeNull();

    expect(Object.keys((await server.get('/tasks?state=ended')).body as object)).toEqual(['t0', 't2', 't4']);
    expect(Object.keys((await server.get('/tasks?state=new,queued')).body as object)).toEqual(['t1', 't3']);
    expect(Object.keys((await server.get(`/tasks?since=${T + 3 * MINUTE}`)).body as object)).toEqual(['t3', 't4']);
    expect(Object.keys((await server.get(`/tasks?since=${new Date(T + 3 * MINUTE).toISOString()}`)).body as object)).toEqual(['t3', 't4']);
    expect(await server.get('/agents?state=available')).toEqual({ status: 200, body: {} });
  });

  it('answers 400 to a bad state, since or limit', async () => {
    server = await startServer({}, T);
    expect(await server.get('/tasks?state=done')).toMatchObject({ status: 400, body: { error: 'bad_query', reason: expect.stringContaining('unknown state "done"') } });
    expect((await server.get('/agents?since=yesterday')).status).toBe(400);
    expect((await server.get('/tasks?limit=0')).status).toBe(400);
    expect((await server.get('/tasks?limit=20000')).status).toBe(400);
  });

  it('answers GET /tasks/:id for a finished task that left memory, from the store', async () => {
    server = await startServer({ retentionMs: 24 * HOUR }, T);
    await postAt(T, 'n1', 'task:new', { taskId: 'gone' });
    await postAt(T + MINUTE, 'e1', 'task:ended', { taskId: 'gone' });
    const final = (await server.get('/tasks/gone')).body;
    // The source's clock moves on for 28 hours (an agent's events every half hour).
    for (let half = 1; half <= 56; half++) await postAt(T + half * 30 * MINUTE, `s${half}`, 'agent:state_change', { agentId: 'a1', currentState: half % 2 ? 'idle' : 'available' });
    expect(server.durable.engine.task('gone')).toBeUndefined();
    await server.durable.checkpoint();
    expect(await server.get('/tasks')).toEqual({ status: 200, body: {} });
    expect(await server.get('/tasks/gone')).toEqual({ status: 200, body: final });
  });
});
