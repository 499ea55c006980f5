// The fixtures folder for Telax (shared/fixtures/vendors/telax_intermedia): every JSON example in
// it must parse and map. Today it holds none — SOURCES.md records that no wire example was
// published — so the test pins that finding and picks up any example added later.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { telaxAdapter } from '../../../src/sources/telax/adapter.js';

const VENDORS = new URL('../../../../shared/fixtures/vendors/', import.meta.url);
const FOLDER = new URL('telax_intermedia/', VENDORS);
const examples = readdirSync(FOLDER).filter((name) => name.endsWith('.json'));

describe('telax fixtures', () => {
  it('the folder documents that no wire example exists', () => {
    if (examples.length > 0) return;
    expect(readFileSync(new URL('SOURCES.md', FOLDER), 'utf8')).toMatch(/No example payload/);
  });

  it.each(examples)('%s parses and maps', (name) => {
    const result = telaxAdapter.toEvents({ body: JSON.parse(readFileSync(new URL(name, FOLDER), 'utf8')), headers: {} });
    expect(result.kind, result.kind === 'rejected' ? result.reason : '').not.toBe('rejected');
  });

  it("no other vendor's fixture is taken for a Telax event", () => {
    const others = readdirSync(VENDORS).filter((vendor) => vendor !== 'telax_intermedia');
    for (const vendor of others) {
      for (const name of readdirSync(new URL(`${vendor}/`, VENDORS)).filter((file) => file.endsWith('.json'))) {
        const body: unknown = JSON.parse(readFileSync(new URL(`${vendor}/${name}`, VENDORS), 'utf8'));
        expect(telaxAdapter.recognizes({ body, headers: {} }), `${vendor}/${name}`).toBe(false);
      }
    }
  });
});
