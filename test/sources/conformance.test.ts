// docs/sources.md is the conformance table generated from the adapters' mapping tables: this
// spec fails when the file and the tables disagree (UPDATE_DOCS=1 rewrites the file).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceDocument } from './conformanceTable.js';

const DOC = new URL('../../docs/sources.md', import.meta.url);

describe('docs/sources.md', () => {
  it('is what the mapping tables say, row for row', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, conformanceDocument());
    expect(readFileSync(DOC, 'utf8')).toBe(conformanceDocument());
  });
});
