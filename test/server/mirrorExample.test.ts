// examples/mirror-state.ts, the client of the patch feed in docs/operations.md, does what it says: against a
// receiver with a read token, dropped mid-stream, it resumes and ends with GET /state's document.
import { afterEach, describe, expect, it } from 'vitest';
import { mirrorState, type StateDocument } from '../../examples/mirror-state.js';
import { webexSample } from '../store/feeds.js';
import { type Harness, startServer } from './harness.js';

const TOKEN = 'mirror-example-token-0123456789';
let server: Harness | undefined;
let stop = new AbortController();
afterEach(async () => {
  stop.abort();
  stop = new AbortController();
  await server?.close();
});

describe('examples/mirror-state.ts', () => {
  it('mirrors the state document through the patch feed, resuming after a drop, to what GET /state serves', async () => {
    const harness = (server = await startServer({ readTokens: [TOKEN] }));
    const lines = webexSample(300).map((delivery) => delivery.line);
    for (const line of lines.slice(0, 100)) await harness.post('webex', line);
    let mirror: StateDocument | undefined;
    const revisions: number[] = [];
    const running = mirrorState(harness.url, {
      token: TOKEN,
      signal: stop.signal,
      onState: (state) => {
        revisions.push(state.revision);
        mirror = state;
      },
    });
    await expect.poll(() => mirror?.revision, { timeout: 10_000 }).toBeGreaterThan(0);
    for (const line of lines.slice(100, 200)) await harness.post('webex', line);
    harness.app.server.closeAllConnections(); // the stream drops; posting goes on meanwhile
    await new Promise((resolve) => setTimeout(resolve, 100)); // (once the poster's own connection has seen it close)
    for (const line of lines.slice(200)) await harness.post('webex', line);
    await expect.poll(() => revisions.length, { timeout: 10_000 }).toBeGreaterThan(1);

    const served = async () => (await (await fetch(`${harness.url}/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as StateDocument;
    const expected = await served();
    await expect.poll(() => mirror?.revision, { timeout: 10_000 }).toBe(expected.revision);
    expect(JSON.parse(JSON.stringify(mirror))).toEqual({ revision: expected.revision, agents: expected.agents, tasks: expected.tasks });
    // Resumed, not started again: one document, then every revision one by one, across the drop.
    expect(revisions.slice(1).every((revision, index) => revision === revisions[index]! + 1)).toBe(true);
    stop.abort();
    await running;
  });

  it('stops with a clear error when the receiver refuses its token', async () => {
    const harness = (server = await startServer({ readTokens: [TOKEN] }));
    await expect(mirrorState(harness.url, { token: `${TOKEN}x`, signal: stop.signal, onState: () => undefined })).rejects.toThrow(/wants a read token/);
  });
});
