// The demo: every example feed, disordered like webhooks, sent to a real receiver over HTTP;
// the receiver ends where an in-order replay of each feed ends.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../examples/random.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { runDemo } from '../../src/server/demo.js';
import { demoDeliveries, loadSampleFeeds } from '../../src/server/demoFeeds.js';
import { deliveryFromLine } from '../../src/sources/ndjsonLine.js';
import { type Harness, startServer } from './harness.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const feeds = loadSampleFeeds();

describe('demo feeds', () => {
  it('finds every example feed by its source', () => {
    expect(feeds.map((feed) => feed.source)).toEqual(expect.arrayContaining(['webex']));
    for (const feed of feeds) expect(feed.lines.length).toBeGreaterThan(0);
  });

  it('sends every delivery at least once, some twice, not all in order', () => {
    const random = seededRandom(5);
    const deliveries = demoDeliveries(feeds, () => random.next());
    const total = feeds.reduce((sum, feed) => sum + feed.lines.length, 0);
    expect(deliveries.length).toBeGreaterThan(total);
    expect(deliveries.length).toBeLessThan(total * 1.1);
    const webex = deliveries.filter((delivery) => delivery.source === 'webex').map((delivery) => delivery.body);
    const inOrder = feeds.find((feed) => feed.source === 'webex')!.lines;
    expect(new Set(webex)).toEqual(new Set(inOrder));
    expect(webex.slice(0, inOrder.length)).not.toEqual(inOrder);
  });
});

describe('runDemo', () => {
  it('feeds a listening receiver over HTTP and ends where an in-order replay ends', async () => {
    // One source: the sample feeds of different sources share ids (chat-2001) and lie years
    // apart in event time, so only a single feed has one in-order replay to compare with.
    const webex = feeds.filter((feed) => feed.source === 'webex').map((feed) => ({ ...feed, lines: feed.lines.slice(0, 1500) }));
    server = await startServer({ logLevel: 'warn' });
    const random = seededRandom(9);
    const reports: number[] = [];
    const done = await runDemo({ baseUrl: server.url, deliveries: demoDeliveries(webex, () => random.next()), seconds: 1, report: (progress) => reports.push(progress.sent) });
    expect(done).toMatchObject({ done: true, answers: { '200': done.total } });
    expect(done.outcomes['duplicate']).toBeGreaterThan(0);
    expect(reports.at(-1)).toBe(done.total);
    const reference = createEngine();
    for (const line of webex[0]!.lines) reference.ingest(deliveryFromLine(line, 'webex'));
    const state = (await server.get('/state')).body as { agents: unknown; tasks: unknown };
    expect(state.agents).toEqual(Object.fromEntries(reference.agents().map((view) => [view.id, view])));
    expect(state.tasks).toEqual(Object.fromEntries(reference.tasks().map((view) => [view.id, view])));
  }, 30_000);

  it('sends every example feed, each delivery answered', async () => {
    server = await startServer({ logLevel: 'warn' });
    const random = seededRandom(3);
    // The Webex feed cut short: the test above sends plenty of it.
    const short = feeds.map((feed) => (feed.source === 'webex' ? { ...feed, lines: feed.lines.slice(0, 300) } : feed));
    const done = await runDemo({ baseUrl: server.url, deliveries: demoDeliveries(short, () => random.next()), seconds: 1, report: () => undefined });
    expect(Object.keys(done.answers).every((status) => status === '200' || status === '400')).toBe(true);
    expect(done.answers['200']).toBeGreaterThan(done.total * 0.9);
    const state = (await server.get('/state')).body as { agents: Record<string, unknown> };
    for (const agent of ['agent-0020', 'ann', 'maria.lopez', 'agent-ana']) expect(Object.keys(state.agents)).toContain(agent);
  }, 30_000);
});
