// Builders of Telax events for tests, with the doc's property names (seed 002, Agent Events page),
// and the given/when/then helper the adapter tests read through.
import { expect } from 'vitest';
import type { AdapterResult, SourceAdapter } from '../../../src/sources/adapter.js';
import { telaxAdapter } from '../../../src/sources/telax/adapter.js';
import { expectIgnored, expectRejected } from '../../support/adapterResults.js';

export const USER = 'jdoe@example.com';
export const SESSION = 'S-20250304-0001';
/** 2025-03-04 09:00:00 UTC, as CreationDateUtc. */
const CREATED = '20250304090000';
export const T0 = Date.UTC(2025, 2, 4, 9, 0, 0);

/** A flat category-1 event (DESIGN §2): the common properties and the additional fields at top level. */
export function agentEvent(code: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Id: `0c8a3f5e-${code}-4b1e-9d2a-${String(code).padStart(12, '0')}`,
    CreationDateUtc: CREATED,
    Category: 1,
    Code: code,
    SessionId: SESSION,
    SessionType: 'CCA',
    Username: USER,
    PhoneNo: '5550100',
    ...fields,
  };
}

export function when(body: unknown, adapter: SourceAdapter = telaxAdapter) {
  const result: AdapterResult = adapter.toEvents({ body, headers: {} });
  return {
    result,
    /** The one agent event a category-1 delivery yields: its assertion fields, as a subset. */
    then(assertion: Record<string, unknown>) {
      expect(result.kind === 'events' ? result.events : result).toMatchObject([{ entity: { kind: 'agent', id: USER }, ...assertion }]);
    },
    thenIgnored: (reason: RegExp) => expectIgnored(result, reason),
    thenRejected: (path: (string | number)[]) => expectRejected(result, 'telax', path),
  };
}
