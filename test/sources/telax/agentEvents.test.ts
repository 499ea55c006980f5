// DESIGN §3 "Telax", row by row: category 1 codes 1–8, the configurable availability map, and
// the categories that are accepted and ignored.
import { describe, expect, it } from 'vitest';
import { createTelaxAdapter, telaxAdapter } from '../../../src/sources/telax/adapter.js';
import { DEFAULT_AVAILABILITY } from '../../../src/sources/telax/mapping.js';
import { agentEvent, SESSION, T0, when } from './build.js';

describe('telax category 1 (agent)', () => {
  it('code 1 SignedIn: logged in, idle', () => {
    when(agentEvent(1)).then({ type: 'agent.loggedIn', presence: 'idle', attributes: { destination: '5550100' } });
  });

  it('code 2 SignedOut: logged out', () => {
    when(agentEvent(2, { ExitCode: 0 })).then({ type: 'agent.loggedOut' });
  });

  it('code 3 StatusChanged, AvailabilityCode 1: available (presence only)', () => {
    when(agentEvent(3, { ActivityCode: 1, AvailabilityCode: 1, ActivityName: '' })).then({
      type: 'agent.presence',
      presence: 'available',
      endsWork: false,
    });
  });

  it('code 3 StatusChanged, any other AvailabilityCode: idle, with the activity as idle code', () => {
    when(agentEvent(3, { ActivityCode: 7, AvailabilityCode: 0, ActivityName: 'Training' })).then({
      type: 'agent.presence',
      presence: 'idle',
      endsWork: false,
      idleCode: { id: '7', name: 'Training' },
    });
  });

  it.each([
    [0, 'idle', 'not ready'],
    [1, 'available', 'available'],
    [2, 'idle', 'accepts internal calls only: not routable by the queues'],
    [9, 'idle', 'a code Telax does not publish'],
  ])('code 3 StatusChanged, AvailabilityCode %i: %s (%s)', (code, presence) => {
    when(agentEvent(3, { ActivityCode: 1, AvailabilityCode: code, ActivityName: '' })).then({ type: 'agent.presence', presence });
    expect(DEFAULT_AVAILABILITY.codes[code] ?? DEFAULT_AVAILABILITY.otherwise).toBe(presence);
  });

  it('code 4 ReceivingWorkItem: work reserved on the session', () => {
    when(agentEvent(4)).then({ type: 'agent.work', taskId: SESSION, work: 'reserved' });
  });

  it('code 5 AcceptedWorkItem: work engaged on the session', () => {
    when(agentEvent(5)).then({ type: 'agent.work', taskId: SESSION, work: 'engaged' });
  });

  it('code 6 DeclinedWorkItem: the work ends, back to presence', () => {
    when(agentEvent(6)).then({ type: 'agent.workEnded', taskId: SESSION });
  });

  it('code 8 ReleasedWorkItem: the work ends, back to presence', () => {
    when(agentEvent(8)).then({ type: 'agent.workEnded', taskId: SESSION });
  });

  it('code 7 is not in the doc: ignored', () => {
    when(agentEvent(7)).thenIgnored(/^telax: agent event code 7 is not documented/);
  });

  it('the envelope: Id is the event id, CreationDateUtc the time (UTC, seconds)', () => {
    when(agentEvent(1, { Id: 'guid-1', CreationDateUtc: '20250304090001' })).then({ source: 'telax', id: 'guid-1', time: T0 + 1000 });
  });

  it('code 3 StatusChanged: an idle code only while idle, and only with an activity to name', () => {
    const statusChange = (fields: Record<string, unknown>) => {
      const { result } = when(agentEvent(3, fields));
      return result.kind === 'events' ? result.events[0] : result;
    };
    expect(statusChange({ AvailabilityCode: 1, ActivityCode: 7, ActivityName: 'Training' })).not.toHaveProperty('idleCode');
    expect(statusChange({ AvailabilityCode: 0, ActivityName: '' })).not.toHaveProperty('idleCode');
    expect(statusChange({ AvailabilityCode: 0, ActivityCode: 7, ActivityName: '' })).toMatchObject({ idleCode: { id: '7' } });
    expect(statusChange({ AvailabilityCode: 0, ActivityCode: 7, ActivityName: '' })).not.toHaveProperty('idleCode.name');
    expect(statusChange({ AvailabilityCode: 0, ActivityName: 'BusyOther' })).toMatchObject({ idleCode: { name: 'BusyOther' } });
    expect(statusChange({ AvailabilityCode: 0, ActivityName: 'BusyOther' })).not.toHaveProperty('idleCode.id');
  });

  it('code 3 StatusChanged without AvailabilityCode is rejected, naming the field', () => {
    expect(when(agentEvent(3, { AvailabilityCode: undefined })).result).toEqual({
      kind: 'rejected',
      reason: 'telax: AvailabilityCode: StatusChanged (code 3) needs AvailabilityCode',
      issues: [{ path: ['AvailabilityCode'], message: 'StatusChanged (code 3) needs AvailabilityCode', code: 'invalid_type' }],
    });
  });

  it('a body that is not an object is rejected as such', () => {
    for (const body of [null, 'SignedIn', [agentEvent(1)]]) {
      expect(when(body).result).toEqual({
        kind: 'rejected',
        reason: 'telax: (payload): expected a JSON object',
        issues: [{ path: [], message: 'expected a JSON object', code: 'invalid_type' }],
      });
    }
  });

  it('recognises a body with the four common properties, and nothing short of them', () => {
    const recognizes = (body: unknown) => telaxAdapter.recognizes({ body, headers: {} });
    expect(recognizes(agentEvent(1))).toBe(true);
    for (const key of ['Id', 'CreationDateUtc', 'Category', 'Code']) {
      const { [key]: _left, ...without } = agentEvent(1);
      expect(recognizes(without), key).toBe(false);
    }
    for (const body of [null, 'x', [agentEvent(1)]]) expect(recognizes(body)).toBe(false);
  });

  it('work without a SessionId is work on an unnamed task', () => {
    when(agentEvent(4, { SessionId: undefined })).then({ type: 'agent.work', taskId: '', work: 'reserved' });
  });
});

describe('telax additional fields', () => {
  const { SessionId, SessionType, Username, PhoneNo, ...common } = agentEvent(5);

  it('are accepted nested under AdditionalFields', () => {
    when({ ...common, AdditionalFields: { SessionId, SessionType, Username, PhoneNo } }).then({
      type: 'agent.work',
      taskId: SESSION,
      work: 'engaged',
    });
  });

  it('are accepted as the doc\'s "list" of Name/Value pairs', () => {
    const AdditionalFields = Object.entries({ SessionId, Username }).map(([Name, Value]) => ({ Name, Value }));
    when({ ...common, AdditionalFields }).then({ type: 'agent.work', taskId: SESSION });
  });

  it('numeric codes and ids may arrive quoted or as numbers', () => {
    when({ ...agentEvent(3, { AvailabilityCode: '1', SessionId: 42 }), Category: '1', Code: '3' }).then({ presence: 'available' });
  });
});

describe('telax AvailabilityCode map', () => {
  it("defaults to Telax's published values (0 not ready, 1 available, 2 internal calls only), every other code idle", () => {
    expect(DEFAULT_AVAILABILITY).toEqual({ codes: { 0: 'idle', 1: 'available', 2: 'idle' }, otherwise: 'idle' });
  });

  it('takes the default for whatever the options leave out', () => {
    when(agentEvent(3, { AvailabilityCode: 1 }), createTelaxAdapter({})).then({ presence: 'available' });
    when(agentEvent(3, { AvailabilityCode: 9 }), createTelaxAdapter({})).then({ presence: 'idle' });
  });

  it('is configurable per code and for unknown codes', () => {
    const adapter = createTelaxAdapter({ availability: { codes: { 2: 'available', 1: 'idle' } } });
    when(agentEvent(3, { AvailabilityCode: 2 }), adapter).then({ presence: 'available' });
    when(agentEvent(3, { AvailabilityCode: 1 }), adapter).then({ presence: 'idle' });
    const lenient = createTelaxAdapter({ availability: { otherwise: 'available' } });
    when(agentEvent(3, { AvailabilityCode: 9 }), lenient).then({ presence: 'available' });
  });
});

describe('telax other categories are accepted and ignored', () => {
  it.each([
    [2, /IVR/],
    [3, /Email/],
    [4, /Voice .*Chat/],
    [9, /unknown/],
  ])('category %i', (Category, name) => {
    when({ Id: 'guid-x', CreationDateUtc: '20250304090000', Category, Code: 1 }).thenIgnored(name);
    expect(when({ Id: 'guid-x', CreationDateUtc: '20250304090000', Category, Code: 1 }).result).toMatchObject({ eventId: 'guid-x' });
  });
});
