// `--source auto`: each source is recognised from the payload's shape (and headers), and one
// engine takes several sources at once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, SOURCE_IDS, type SourceId } from '../../src/index.js';
import { deliveryFromLine } from '../../src/sources/ndjsonLine.js';

const sampleLines = (source: SourceId) =>
  readFileSync(new URL(`../../examples/${source}-sample.ndjson`, import.meta.url), 'utf8').trim().split('\n');

/** The line without any `source` it names, so only shape and headers can tell. */
const anonymous = (line: string) => {
  const delivery = deliveryFromLine(line, 'auto');
  return { headers: delivery.headers ?? {}, body: delivery.body };
};

describe('source recognition', () => {
  it.each(SOURCE_IDS)('recognises every line of the %s sample as %s', (source) => {
    const engine = createEngine();
    const outcomes = sampleLines(source).map((line) => engine.ingest(anonymous(line)));
    expect(outcomes.filter((outcome) => outcome.source !== source)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  });

  it('tells 8x8 by its headers even when the body alone would not say', () => {
    const engine = createEngine();
    const outcome = engine.ingest({
      headers: { 'X-8x8-Event-Id': 'evt-9' },
      body: JSON.stringify({ eventType: 'QUEUED', conversationId: 'chat-9', timestamp: 1772618410000 }),
    });
    expect(outcome).toMatchObject({ source: '8x8', eventId: 'evt-9', status: 'applied' });
  });

  it('folds all five sources in one engine to the same state as five engines', () => {
    const mixed = createEngine();
    const lines = SOURCE_IDS.map(sampleLines);
    const longest = Math.max(...lines.map((feed) => feed.length));
    for (let index = 0; index < longest; index++) {
      for (const feed of lines) {
        const line = feed[index];
        if (line) mixed.ingest(anonymous(line));
      }
    }
    const separate = SOURCE_IDS.map((source) => {
      const engine = createEngine();
      for (const line of sampleLines(source)) engine.ingest(anonymous(line));
      return engine;
    });
    const byId = <T extends { id: string }>(views: T[]) => Object.fromEntries(views.map((view) => [view.id, view]));
    expect(byId(mixed.tasks())).toEqual(Object.assign({}, ...separate.map((engine) => byId(engine.tasks()))));
    expect(byId(mixed.agents())).toEqual(Object.assign({}, ...separate.map((engine) => byId(engine.agents()))));
  });
});
