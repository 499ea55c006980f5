// Telax's fixtures folder: every JSON example in it must parse and map. Today it holds none —
// fixtures/PROVENANCE.md records that Telax publishes no wire example, the seed page being the only
// source — so the test pins that finding and picks up any example added later.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { telaxAdapter } from '../../../src/sources/telax/adapter.js';
import { otherVendorsExamples } from '../vendorFixtures.js';

const FOLDER = new URL('fixtures/', import.meta.url);
const examples = readdirSync(FOLDER).filter((name) => name.endsWith('.json'));

describe('telax fixtures', () => {
  it('the folder documents that no wire example exists, and names the seed page', () => {
    if (examples.length > 0) return;
    const provenance = readFileSync(new URL('PROVENANCE.md', FOLDER), 'utf8');
    expect(provenance).toMatch(/publishes no example payload/);
    expect(provenance).toMatch(/seeds\/002_228fc818ff7aab3a\.txt/);
  });

  it.each(examples)('%s parses and maps', (name) => {
    const result = telaxAdapter.toEvents({ body: JSON.parse(readFileSync(new URL(name, FOLDER), 'utf8')), headers: {} });
    expect(result.kind, result.kind === 'rejected' ? result.reason : '').not.toBe('rejected');
  });

  it("no other vendor's example is taken for a Telax event", () => {
    const others = otherVendorsExamples('telax');
    expect(others.length).toBeGreaterThan(0);
    for (const { source, name, body } of others) {
      expect(telaxAdapter.recognizes({ body, headers: {} }), `${source}/${name}`).toBe(false);
    }
  });
});
