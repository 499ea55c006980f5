// GET /changes?format=patch (DESIGN §6): a client mirroring the state document with immer's
// applyPatches, dropped mid-stream and resumed with Last-Event-ID, ends with GET /state; late
// deliveries arrive marked corrected; resume points it cannot serve get the whole document; bad
// ones are refused.
import { applyPatches, enablePatches, type Patch } from 'immer';
import { afterEach, describe, expect, it } from 'vitest';
import { webexSample } from '../store/feeds.js';
import { type Harness, readEvents, type ServerEvent, startServer } from './harness.js';
import { webexEvent } from './webexEvents.js';

enablePatches();

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Mirror {
  revision: number;
  agents: Record<string, unknown>;
  tasks: Record<string, unknown>;
}

/** What a client does with the feed: take the document, apply each patch set after it. */
function mirrored(events: ServerEvent[], from?: Mirror): Mirror | undefined {
  let mirror = from;
  for (const { event, data } of events) {
    if (event === 'document') mirror = data as Mirror;
    if (event !== 'patch') continue;
    const set = data as { revision: number; patches: Patch[] };
    expect(set.revision).toBe(mirror!.revision + 1);
    mirror = { ...applyPatches(mirror!, set.patches), revision: set.revision };
  }
  return mirror;
}

const lines = webexSample(240).map((delivery) => delivery.line);
const feed = (harness: Harness) => `${harness.url}/changes?format=patch`;

describe('GET /changes?format=patch', () => {
  it('mirrors the state: document, then patches; dropped mid-stream and resumed by Last-Event-ID, it ends equal to GET /state', async () => {
    const harness = (server = await startServer());
    for (const line of lines.slice(0, 80)) await harness.post('webex', line);
    let posting: Promise<void> = Promise.resolve();
    const first = await readEvents(
      feed(harness),
      (seen) => seen.length >= 30,
      () => {
        posting = (async () => {
          for (const line of lines.slice(80, 200)) await harness.post('webex', line);
        })();
      },
    );
    await posting; // still posting after the client dropped: these it must get on resuming
    for (const line of lines.slice(200)) await harness.post('webex', line);
    expect(first[0]).toMatchObject({ event: 'document', data: { revision: expect.any(Number) } });
    expect(first.slice(1).every((event) => event.event === 'patch')).toBe(true);
    const lastId = first.at(-1)!.id!;
    expect(lastId).toMatch(/^[0-9a-f]{8}-\d+$/);

    const state = (await harness.get('/state')).body as Mirror;
    const resumed = await readEvents(feed(harness), (seen) => (seen.at(-1)?.data as Mirror | undefined)?.revision === state.revision, undefined, 5000, {
      'last-event-id': lastId,
    });
    expect(resumed[0]?.event).toBe('patch');
    expect((resumed[0]!.data as Mirror).revision).toBe(Number(lastId.split('-')[1]) + 1);
    const mirror = mirrored(resumed, mirrored(first));
    expect(mirror).toEqual({ revision: state.revision, agents: state.agents, tasks: state.tasks });
  });

  it('resumes from ?since= too, and the header wins over it (EventSource reconnects to the same URL)', async () => {
    const harness = (server = await startServer());
    for (const line of lines.slice(0, 20)) await harness.post('webex', line);
    const [document] = await readEvents(feed(harness), (seen) => seen.length >= 1);
    for (const line of lines.slice(20, 40)) await harness.post('webex', line);
    const revision = (document!.data as Mirror).revision;
    const fromQuery = await readEvents(`${feed(harness)}&since=${document!.id}`, (seen) => seen.length >= 1);
    expect(fromQuery[0]).toMatchObject({ event: 'patch', data: { revision: revision + 1 } });
    const bare = await readEvents(`${feed(harness)}&since=${revision + 2}`, (seen) => seen.length >= 1);
    expect(bare[0]).toMatchObject({ event: 'patch', data: { revision: revision + 3 } });
    const header = await readEvents(`${feed(harness)}&since=${document!.id}`, (seen) => seen.length >= 1, undefined, 5000, {
      'last-event-id': `${document!.id!.split('-')[0]}-${revision + 5}`,
    });
    expect(header[0]).toMatchObject({ event: 'patch', data: { revision: revision + 6 } });
  });

  it('marks the patch set of a late delivery that revised what was sent as corrected', async () => {
    const harness = (server = await startServer());
    const time = Date.UTC(2026, 10, 1, 9);
    const connected = webexEvent('e-2', 'task:connected', { taskId: 't-1', createdTime: time + 10_000 });
    const created = webexEvent('e-1', 'task:new', { taskId: 't-1', channelType: 'telephony', origin: '+15550001', createdTime: time });
    const events = await readEvents(
      feed(harness),
      (seen) => seen.length >= 3,
      async () => {
        await harness.post('webex', connected);
        await harness.post('webex', created);
      },
    );
    expect(events.map(({ event, data }) => [event, (data as { corrected?: boolean }).corrected])).toEqual([
      ['document', undefined],
      ['patch', false],
      ['patch', true],
    ]);
    expect((events[2]!.data as { patches: Patch[] }).patches).toContainEqual({ op: 'replace', path: ['tasks', 't-1', 'origin'], value: '+15550001' });
  });

  it('sends the whole document first to a client it cannot resume: another run of the receiver, or a revision it has not reached', async () => {
    const harness = (server = await startServer());
    for (const line of lines.slice(0, 10)) await harness.post('webex', line);
    const revision = ((await harness.get('/state')).body as Mirror).revision;
    for (const resume of ['0badcafe-3', String(revision + 100)]) {
      const [first] = await readEvents(feed(harness), (seen) => seen.length >= 1, undefined, 5000, { 'last-event-id': resume });
      expect(first).toMatchObject({ event: 'document', data: { revision } });
    }
  });

  it('refuses a resume point or a format it does not know, as bad input', async () => {
    const harness = (server = await startServer());
    for (const query of ['since=abc', 'since=-1', 'since=1234567890123456', 'since=zzzzzzzz-1', 'since=']) {
      const { status, body } = await harness.get(`/changes?format=patch&${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body).toMatchObject({ error: 'bad_request', reason: expect.stringContaining('resume point') });
    }
    const header = await fetch(feed(harness), { headers: { 'last-event-id': '57; drop table' } });
    expect(header.status).toBe(400);
    expect((await harness.get('/changes?format=xml')).status).toBe(400);
  });
});
