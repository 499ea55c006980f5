// Bad webex-sdk input is rejected with a reason that names the source and the failing field;
// the adapter never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webexSdkAdapter } from '../../../src/sources/webex-sdk/adapter.js';
import { agentPayload, loginPayload, taskPayload, when, whenLine } from './build.js';

const HUGE = 'x'.repeat(100_000);

describe('webex-sdk bad input', () => {
  it('an unknown event name', () => {
    when('task:teleported', taskPayload()).thenRejected(['event']);
    expect(when('task:teleported', taskPayload()).result).toMatchObject({
      issues: [{ message: 'unknown Webex SDK event "task:teleported"', code: 'invalid_value' }],
    });
  });

  it('an agent event with no time: the fields it looked for', () => {
    expect(when('agent:stateChangeSuccess', agentPayload({ subStatus: 'Idle', eventTime: undefined })).result).toMatchObject({
      issues: [{ path: ['payload', 'data', 'eventTime'], message: 'no event time: neither eventTime nor lastStateChangeTimestamp', code: 'invalid_type' }],
    });
  });

  it('an event name that is not a string', () => {
    const result = webexSdkAdapter.toEvents({ body: { event: 42, payload: {} }, headers: {} });
    expect(result).toMatchObject({ kind: 'rejected', issues: [{ path: ['event'] }] });
    expect(result.kind === 'rejected' && result.reason).toMatch(/^webex-sdk: event: /);
  });

  it('a body that is not an object', () => {
    expect(webexSdkAdapter.toEvents({ body: 'task:hold', headers: {} })).toMatchObject({ kind: 'rejected' });
  });

  it('a task payload that is not an object', () => {
    when('task:hold', 42).thenRejected(['payload']);
    when('task:hold', null).thenRejected(['payload']);
  });

  it('a task event whose payload is only a string, with no task beside it: the task field is asked for', () => {
    when('task:rejected', 'RONA_TIMER_EXPIRED').thenRejected(['task']);
    expect(when('task:rejected', 'RONA_TIMER_EXPIRED').result).toMatchObject({
      issues: [{ message: 'task:rejected carries only "RONA_TIMER_EXPIRED": name its task in a "task" field beside the payload', code: 'invalid_type' }],
    });
  });

  it('a task beside the payload that is not a task: the issue names the task field', () => {
    whenLine({ event: 'task:rejected', payload: 'RONA_TIMER_EXPIRED', task: { eventTime: 5 } }).thenRejected(['task', 'interaction', 'interactionId']);
    whenLine({ event: 'task:rejected', payload: 'RONA_TIMER_EXPIRED', task: 'task-1' }).thenRejected(['task']);
  });

  it('a task beside the payload that is only a string: zod\'s issue, not the question for a task field', () => {
    const { result } = whenLine({ event: 'task:rejected', payload: 'RONA_TIMER_EXPIRED', task: 'task-1' });
    expect(result.kind === 'rejected' && result.issues?.[0]?.message).not.toMatch(/carries only/);
  });

  it('a long reason string is quoted to its first 64 characters', () => {
    const { result } = when('task:rejected', `${'r'.repeat(64)}TAIL`);
    expect(result).toMatchObject({ issues: [{ message: `task:rejected carries only "${'r'.repeat(64)}": name its task in a "task" field beside the payload` }] });
  });

  it('a missing interaction id', () => {
    const { result } = when('task:hold', taskPayload({ interaction: { currentVTeam: 'queue-1' } }));
    expect(result).toMatchObject({
      issues: [{ path: ['payload', 'interaction', 'interactionId'], message: 'a task event needs its interaction id', code: 'custom' }],
    });
  });

  it('at most 64 participants', () => {
    const participants = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`p-${index}`, { pType: 'Customer', hasLeft: false }]));
    const interaction = (count: number) => ({ interactionId: 'i-1', participants: participants(count) });
    expect(when('task:conferenceStarted', taskPayload({ interaction: interaction(64) })).result.kind).toBe('events');
    when('task:conferenceStarted', taskPayload({ interaction: interaction(65) })).thenRejected(['payload', 'interaction', 'participants']);
  });

  it('an agent id of the wrong type', () => {
    when('task:hold', taskPayload({ agentId: 12 })).thenRejected(['payload', 'agentId']);
  });

  it('a missing agent id on an agent event', () => {
    when('agent:stationLoginSuccess', loginPayload({ agentId: undefined })).thenRejected(['payload', 'agentId']);
  });

  it('a huge agent id', () => {
    when('agent:stateChangeSuccess', agentPayload({ agentId: HUGE, subStatus: 'Idle' })).thenRejected(['payload', 'data', 'agentId']);
  });

  it('a huge free-text field', () => {
    when('task:rejected', taskPayload({ reason: HUGE })).thenRejected(['payload', 'reason']);
  });

  it('an event time that is not epoch milliseconds', () => {
    when('task:hold', taskPayload({ eventTime: 'yesterday' })).thenRejected(['payload', 'eventTime']);
  });

  it('a subStatus the SDK does not document', () => {
    when('agent:stateChangeSuccess', agentPayload({ subStatus: 'Dancing' })).thenRejected(['payload', 'data', 'subStatus']);
  });

  it('wrapupRequired that is not a boolean', () => {
    when('task:end', taskPayload({ wrapupRequired: 'yes' })).thenRejected(['payload', 'wrapupRequired']);
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.constantFrom('task:hold', 'task:hydrate', 'agent:logoutSuccess', 'agent:reloginSuccess'), fc.anything(), (event, payload) => {
        const result = webexSdkAdapter.toEvents({ body: { event, payload }, headers: {} });
        expect(['events', 'ignored', 'rejected']).toContain(result.kind);
      }),
    );
  });
});
