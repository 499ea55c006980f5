// Bad Telax input is rejected with a reason that names the source and the failing field (as the
// sender placed it: top level or under AdditionalFields); the adapter never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { telaxAdapter } from '../../../src/sources/telax/adapter.js';
import { agentEvent, when } from './build.js';

const HUGE = 'x'.repeat(100_000);

describe('telax bad input', () => {
  it('a missing Id', () => {
    when(agentEvent(1, { Id: undefined })).thenRejected(['Id']);
  });

  it('a huge Id', () => {
    when(agentEvent(1, { Id: HUGE })).thenRejected(['Id']);
  });

  it.each(['2025-03-04T09:00:00Z', '202503040900', '20250231090000', '20250304250000', 20250304])(
    'CreationDateUtc %s is not yyyyMMddHHmmss',
    (CreationDateUtc) => {
      when(agentEvent(1, { CreationDateUtc })).thenRejected(['CreationDateUtc']);
    },
  );

  it('a Category that is not a number', () => {
    when(agentEvent(1, { Category: 'Agent' })).thenRejected(['Category']);
  });

  it('a Code that is not an integer', () => {
    when(agentEvent(1, { Code: 1.5 })).thenRejected(['Code']);
  });

  it('a missing Username on an agent event', () => {
    when(agentEvent(1, { Username: undefined })).thenRejected(['Username']);
  });

  it('a huge Username under AdditionalFields names the nested path', () => {
    const { Username: _username, ...event } = agentEvent(1);
    when({ ...event, AdditionalFields: { Username: HUGE } }).thenRejected(['AdditionalFields', 'Username']);
  });

  it('a wrong type in a Name/Value list names the pair', () => {
    const { Username: _username, ...event } = agentEvent(1);
    when({ ...event, AdditionalFields: [{ Name: 'Username', Value: { nested: true } }] }).thenRejected(['AdditionalFields', 0, 'Value']);
  });

  it('AdditionalFields that is neither an object nor a list', () => {
    when(agentEvent(1, { AdditionalFields: 'SessionId=1' })).thenRejected(['AdditionalFields']);
  });

  it('StatusChanged without AvailabilityCode', () => {
    when(agentEvent(3, { ActivityCode: 1 })).thenRejected(['AvailabilityCode']);
  });

  it('an AvailabilityCode that is not an integer', () => {
    when(agentEvent(3, { AvailabilityCode: 'yes' })).thenRejected(['AvailabilityCode']);
  });

  it('a body that is not an object', () => {
    expect(telaxAdapter.toEvents({ body: [agentEvent(1)], headers: {} })).toMatchObject({ kind: 'rejected', issues: [{ path: [] }] });
  });

  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ Category: fc.anything(), Code: fc.anything(), AdditionalFields: fc.anything() })), (extra) => {
        const body = typeof extra === 'object' && extra !== null ? { ...agentEvent(3), ...extra } : extra;
        const result = telaxAdapter.toEvents({ body, headers: {} });
        expect(['events', 'ignored', 'rejected']).toContain(result.kind);
      }),
    );
  });
});
