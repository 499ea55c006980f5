// Every source validates with zod-compiled schemas (fields.ts `compiled`). Whatever a delivery
// holds, each adapter must answer exactly what it answers on zod's runtime parser: the same
// events, key order included (the ledger fingerprints their JSON), the same ignored reasons,
// the same rejection issues. The sample feeds, damaged at random, are the deliveries. Through the
// engine, a delivery the full parse rejects is rejected with those issues, dead-lettered, and
// leaves the state document as it was.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { SourceId } from '../../src/events/canonical.js';
import { createEngine } from '../../src/index.js';
import type { DeadLetter } from '../../src/engine/deadLetter.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../../src/sources/adapter.js';
import { parseDelivery } from '../../src/sources/delivery.js';
import { deliveryFromLine } from '../../src/sources/ndjsonLine.js';
import { SOURCE_ADAPTERS } from '../../src/sources/registry.js';
import { fuzzedJson } from './fuzzedJson.js';

/** The same adapters, loaded again with `compiled` handing the schemas back as they are. */
async function referenceAdapters(): Promise<Partial<Record<SourceId, SourceAdapter>>> {
  vi.resetModules();
  vi.doMock('../../src/sources/fields.js', async (actual) => ({
    ...(await actual<typeof import('../../src/sources/fields.js')>()),
    compiled: <T>(schemas: T) => schemas,
  }));
  const registry = await import('../../src/sources/registry.js');
  vi.doUnmock('../../src/sources/fields.js');
  return registry.SOURCE_ADAPTERS;
}

function sample(source: SourceId): ParsedDelivery[] {
  const lines = readFileSync(new URL(`../../examples/${source}-sample.ndjson`, import.meta.url), 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const parsed = parseDelivery(deliveryFromLine(line, source));
    if (!parsed.ok) throw new Error(`${source} sample: ${parsed.reason}`);
    return parsed.delivery;
  });
}

describe('every source', () => {
  it.each(['webex', 'webex-sdk', 'vonage', '8x8', 'telax'])(
    '%s: every schema compiles (zod hands back a schema it cannot compile unchanged, and slow)',
    async (source) => {
      const schemas = Object.entries(await import(`../../src/sources/${source}/schema.ts`)).filter(([, value]) => value instanceof z.ZodType);
      expect(schemas.length).toBeGreaterThan(1);
      for (const [name, schema] of schemas) expect(() => z.compile(schema as z.ZodType, { strict: true }), name).not.toThrow();
    },
  );
});

describe.each(['webex-sdk', 'vonage', '8x8', 'telax'] as const)('%s: compiled validation', (source) => {
  it('answers every fuzzed delivery exactly as zod’s runtime parser does', async () => {
    const fast = SOURCE_ADAPTERS[source]!;
    const reference = (await referenceAdapters())[source]!;
    expect(reference).not.toBe(fast);
    const deliveries = sample(source);
    const kinds: Record<AdapterResult['kind'], number> = { events: 0, ignored: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.nat(deliveries.length - 1), fuzzedJson(deliveries.map(({ body }) => body)), (at, body) => {
        const { headers } = deliveries[at]!;
        const before = JSON.stringify(body);
        const answer = fast.toEvents({ body, headers });
        expect(JSON.stringify(body), 'the delivery is left as it was').toBe(before);
        const expected = reference.toEvents({ body, headers });
        expect(answer).toStrictEqual(expected);
        expect(JSON.stringify(answer)).toBe(JSON.stringify(expected));
        kinds[expected.kind]++;
      }),
      { numRuns: 1_500 },
    );
    // The fuzz is only worth something if both answers come out in quantity.
    expect(kinds.events).toBeGreaterThan(200);
    expect(kinds.rejected).toBeGreaterThan(200);
  });

  it('given an engine holding the sample feed, when a fuzzed delivery is one the full parse rejects, then the engine rejects it with the same issues, dead-letters it and keeps its state', async () => {
    const reference = (await referenceAdapters())[source]!;
    const deliveries = sample(source);
    const letters: DeadLetter[] = [];
    const engine = createEngine({ deadLetters: { keep: (letter) => letters.push(letter) } });
    for (const { body, headers } of deliveries) engine.ingest({ source, headers, body: JSON.stringify(body) });
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(deliveries.length - 1), fuzzedJson(deliveries.map(({ body }) => body)), (at, body) => {
        const { headers } = deliveries[at]!;
        const expected = reference.toEvents({ body, headers });
        if (expected.kind !== 'rejected') return;
        rejected++;
        const before = engine.state();
        const kept = letters.length;
        const delivery = { source, headers, body: JSON.stringify(body) };
        const outcome = engine.ingest(delivery);
        expect(outcome).toMatchObject({ status: 'rejected', reason: expected.reason, entities: [] });
        expect(outcome.issues).toStrictEqual(expected.issues);
        expect(letters.slice(kept)).toEqual([{ delivery, outcome }]);
        expect(engine.state(), 'the state document is the same object: nothing changed').toBe(before);
      }),
      { numRuns: 600 },
    );
    expect(rejected).toBeGreaterThan(100);
  });
});
