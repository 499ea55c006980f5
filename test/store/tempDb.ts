// Database files in temporary folders, removed after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Returns a function that gives a fresh database path (`file` inside a new temporary folder). */
export function temporaryDatabases(file = 'state.db'): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'contactstate-'));
    dirs.push(dir);
    return join(dir, file);
  };
}
