// Assertions on a source adapter's result, shared by the adapters' given/when/then helpers.
import { expect } from 'vitest';
import type { AdapterResult } from '../../src/sources/adapter.js';

export function expectIgnored(result: AdapterResult, reason: RegExp): void {
  expect(result).toMatchObject({ kind: 'ignored' });
  expect(result.kind === 'ignored' && result.reason).toMatch(reason);
}

/** Rejected at `path`, with a reason that names the source and that field first. */
export function expectRejected(result: AdapterResult, source: string, path: (string | number)[]): void {
  expect(result.kind).toBe('rejected');
  if (result.kind !== 'rejected') return;
  expect(result.issues[0]?.path).toEqual(path);
  expect(result.reason.startsWith(`${source}: ${path.join('.')}`)).toBe(true);
}
