// The PostgreSQL migrations are frozen: a database that ran a step never runs it again, so the text
// of an applied step must never change. A change to the schema is a new step at the end.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/store/postgres/migrations.js';

/** sha256 of each step's text, in order. Append a line for a new step; never edit one. */
const APPLIED = [
  'dd1765c6c1af97563153861eac6f14dcd41064bac4f4a115ad207e313d8399fb',
  '20b7e18ae32f8def14ede9506a869421ef042f154a6a340c7ebb0c707d39eb1b',
  '4ecd8940fe5627a87e0a44c20b2744d47a1f0e4e75210a475dc1ab95aac6eebf',
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('PostgreSQL migrations', () => {
  it('given the steps databases have applied, when the code is built, then each step has the same text', () => {
    expect(MIGRATIONS.slice(0, APPLIED.length).map(sha256)).toEqual(APPLIED);
  });

  it('given a new step, then its checksum is recorded here too', () => {
    expect(MIGRATIONS.length).toBe(APPLIED.length);
  });

  it('given the source of the steps, then no step interpolates anything (live code cannot change one)', () => {
    const source = readFileSync(new URL('../../../src/store/postgres/migrations.ts', import.meta.url), 'utf8');
    expect(source.replaceAll('\\${', '')).not.toContain('${');
  });
});
