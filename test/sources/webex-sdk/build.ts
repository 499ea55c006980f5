// Builders of Webex SDK event lines for tests, shaped like seed 000's payloads, and the
// given/when/then helper the adapter tests read through.
import { expect } from 'vitest';
import type { CanonicalEvent } from '../../../src/events/canonical.js';
import type { AdapterResult, ParsedDelivery } from '../../../src/sources/adapter.js';
import { webexSdkAdapter } from '../../../src/sources/webex-sdk/adapter.js';
import { expectIgnored, expectRejected } from '../../support/adapterResults.js';

export const AGENT = 'a7f2c1e0-agent';
export const TASK = '5f7c2d4e-interaction';
export const T0 = Date.parse('2025-03-04T09:00:00.000Z');

export const line = (event: string, payload?: unknown): ParsedDelivery => ({ body: { event, payload }, headers: {} });

/** AgentStationLoginSuccess (flat, as documented). */
export function loginPayload(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agentId: AGENT,
    agentSessionId: 'session-1',
    auxCodeId: null,
    deviceType: 'BROWSER',
    dn: '+15550100',
    eventTime: T0,
    interactionIds: [],
    lastStateChangeTimestamp: T0 - 5,
    orgId: 'org-1',
    profileType: 'BLENDED',
    status: 'LoggedIn',
    subStatus: 'Available',
    teamId: 'team-1',
    type: 'AgentStationLoginSuccess',
    ...fields,
  };
}

/** AgentStateChangeSuccess / AgentLogoutSuccess: the documented `{ data, orgId, trackingId }`. */
export function agentPayload(data: Record<string, unknown>): Record<string, unknown> {
  return { data: { agentId: AGENT, eventTime: T0, orgId: 'org-1', ...data }, orgId: 'org-1', trackingId: 'tracking-1' };
}

/** Seed 000's Task Payload (`task.data`). */
export function taskPayload(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agentId: AGENT,
    eventTime: T0,
    interaction: { interactionId: TASK, createdTimestamp: T0 - 60_000, currentVTeam: 'queue-1' },
    mediaType: 'telephony',
    contactDirection: { type: 'INBOUND' },
    state: 'connected',
    orgId: 'org-1',
    ...fields,
  };
}

/** A canonical event without its envelope, addressed as `kind:id`: what a table row asserts. */
function assertionsOf(result: AdapterResult): Record<string, unknown>[] {
  if (result.kind !== 'events') throw new Error(`expected events, got ${result.kind}: ${'reason' in result ? result.reason : ''}`);
  return result.events.map((event: CanonicalEvent) => {
    const { source: _source, id: _id, time: _time, entity, ...assertion } = event;
    return { on: `${entity.kind}:${entity.id}`, ...assertion };
  });
}

export const when = (event: string, payload?: unknown) => whenLine({ event, payload });

/** A whole line, for the fields beside the payload (`task`). */
export function whenLine(body: Record<string, unknown>) {
  const result = webexSdkAdapter.toEvents({ body, headers: {} });
  return {
    result,
    /** The events, compared field by field (each expected object is a subset of its event). */
    then(expected: Record<string, unknown>[]) {
      expect(assertionsOf(result)).toMatchObject(expected);
    },
    thenIgnored: (reason: RegExp) => expectIgnored(result, reason),
    thenRejected: (path: (string | number)[]) => expectRejected(result, 'webex-sdk', path),
  };
}
