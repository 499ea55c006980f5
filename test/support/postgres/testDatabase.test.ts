// Whether a PostgreSQL suite runs, skips loudly or fails (a missing PostgreSQL skips,
// except under .ci/run, whose CONTACTSTATE_REQUIRE_POSTGRES turns it into a failure).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinDir } from './cluster.js';
import { suiteVerdict } from './testDatabase.js';

const empty = mkdtempSync(join(tmpdir(), 'contactstate-no-postgres-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
/** A machine without PostgreSQL's binaries: PG_BIN names a folder without them. */
const without = { PG_BIN: empty, PATH: '' };

describe('a PostgreSQL suite', () => {
  it('is skipped, saying why, where there is no PostgreSQL', () => {
    expect(suiteVerdict({}, without)).toEqual({ run: false, fail: false, missing: expect.stringContaining(empty) });
  });

  it('fails instead under CONTACTSTATE_REQUIRE_POSTGRES (as .ci/run sets it)', () => {
    for (const value of ['1', 'true', 'YES', 'on']) expect(suiteVerdict({}, { ...without, CONTACTSTATE_REQUIRE_POSTGRES: value })).toMatchObject({ run: false, fail: true });
    for (const value of ['', '0', 'no']) expect(suiteVerdict({}, { ...without, CONTACTSTATE_REQUIRE_POSTGRES: value })).toMatchObject({ run: false, fail: false });
  });

  it('runs on DATABASE_URL without the binaries, unless it starts a server of its own', () => {
    const external = { ...without, DATABASE_URL: 'postgres://tester@db.example:5432/postgres', CONTACTSTATE_REQUIRE_POSTGRES: '1' };
    expect(suiteVerdict({}, external)).toEqual({ run: true });
    expect(suiteVerdict({ ownServer: true }, external)).toMatchObject({ run: false, fail: true });
  });

  it('takes the binaries from PG_BIN alone when it is set', () => {
    const fake = mkdtempSync(join(tmpdir(), 'contactstate-pg-bin-'));
    try {
      for (const tool of ['initdb', 'pg_ctl']) writeFileSync(join(fake, tool), '');
      expect(postgresBinDir({ PG_BIN: fake, PATH: '' })).toBe(fake);
      expect(postgresBinDir({ PG_BIN: empty, PATH: fake })).toBeUndefined();
      expect(postgresBinDir({ PATH: `${empty}:${fake}` })).toBe(fake);
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });
});
