// DESIGN §3 "Webex SDK", the agent rows: login, re-login, state change, logout, and the events
// that change no state.
import { describe, expect, it } from 'vitest';
import { AGENT, agentPayload, loginPayload, when } from './build.js';

describe('webex-sdk agent events', () => {
  it('agent:stationLoginSuccess with subStatus Available: logged in, available', () => {
    when('agent:stationLoginSuccess', loginPayload()).then([
      {
        on: `agent:${AGENT}`,
        type: 'agent.loggedIn',
        presence: 'available',
        attributes: { teamId: 'team-1', profileType: 'BLENDED', destination: '+15550100' },
      },
    ]);
  });

  it('agent:stationLoginSuccess with subStatus Idle: logged in, idle with its aux code', () => {
    when('agent:stationLoginSuccess', loginPayload({ subStatus: 'Idle', auxCodeId: 'aux-lunch' })).then([
      { on: `agent:${AGENT}`, type: 'agent.loggedIn', presence: 'idle', idleCode: { id: 'aux-lunch' } },
    ]);
  });

  it('agent:reloginSuccess: the presence of subStatus, keeping the work that hydrate restores', () => {
    when('agent:reloginSuccess', loginPayload({ interactionIds: ['task-1'] })).then([
      { on: `agent:${AGENT}`, type: 'agent.presence', presence: 'available', endsWork: false },
    ]);
  });

  it('agent:reloginSuccess with no interactions: the agent has no work left', () => {
    when('agent:reloginSuccess', loginPayload({ subStatus: 'Idle', interactionIds: [] })).then([
      { on: `agent:${AGENT}`, type: 'agent.presence', presence: 'idle', endsWork: true },
    ]);
  });

  it('agent:stationLoginSuccess without subStatus: logged in, idle', () => {
    when('agent:stationLoginSuccess', loginPayload({ subStatus: undefined })).then([{ on: `agent:${AGENT}`, type: 'agent.loggedIn', presence: 'idle' }]);
  });

  it('an aux code is an idle code only while idle: a login or state change to Available carries none', () => {
    for (const [event, payload] of [
      ['agent:stationLoginSuccess', loginPayload({ subStatus: 'Available', auxCodeId: 'aux-lunch' })],
      ['agent:stateChangeSuccess', agentPayload({ subStatus: 'Available', auxCodeId: 'aux-lunch' })],
    ] as const) {
      const { result } = when(event, payload);
      expect(result.kind === 'events' && result.events[0]).toMatchObject({ presence: 'available' });
      expect(result.kind === 'events' && result.events[0]).not.toHaveProperty('idleCode');
    }
    // Idle without an aux code: no idle code either.
    const { result } = when('agent:stateChangeSuccess', agentPayload({ subStatus: 'Idle' }));
    expect(result.kind === 'events' && result.events[0]).toMatchObject({ presence: 'idle' });
    expect(result.kind === 'events' && result.events[0]).not.toHaveProperty('idleCode');
  });

  it('agent:reloginSuccess that does not list interactions: the work is kept', () => {
    when('agent:reloginSuccess', loginPayload({ interactionIds: undefined })).then([
      { on: `agent:${AGENT}`, type: 'agent.presence', presence: 'available', endsWork: false },
    ]);
  });

  it('agent:stateChangeSuccess: the presence of subStatus, work untouched (tasks assert it)', () => {
    when('agent:stateChangeSuccess', agentPayload({ subStatus: 'Idle', auxCodeId: 'aux-break', status: 'LoggedIn' })).then([
      { on: `agent:${AGENT}`, type: 'agent.presence', presence: 'idle', endsWork: false, idleCode: { id: 'aux-break' } },
    ]);
  });

  it('agent:stateChangeSuccess also accepted flat (the SDK emits its data)', () => {
    when('agent:stateChangeSuccess', { agentId: AGENT, eventTime: 1, subStatus: 'Available' }).then([
      { on: `agent:${AGENT}`, type: 'agent.presence', presence: 'available', endsWork: false },
    ]);
  });

  it('agent:logoutSuccess: the agent and its four channels logged out', () => {
    when('agent:logoutSuccess', { ...agentPayload({ loggedOutBy: 'SELF', status: 'LoggedOut' }), type: 'Logout' }).then([
      { on: `agent:${AGENT}`, type: 'agent.loggedOut' },
      { on: `channel:${AGENT}/telephony`, type: 'channel.loggedOut' },
      { on: `channel:${AGENT}/chat`, type: 'channel.loggedOut' },
      { on: `channel:${AGENT}/email`, type: 'channel.loggedOut' },
      { on: `channel:${AGENT}/social`, type: 'channel.loggedOut' },
    ]);
  });

  it.each(['agent:stationLoginFailed', 'agent:logoutFailed', 'agent:stateChangeFailed'])('%s changes no state', (event) => {
    when(event).thenIgnored(/^webex-sdk: .*failed request/);
  });

  it.each(['agent:multiLogin', 'agent:dnRegistered'])('%s changes no state', (event) => {
    when(event, {}).thenIgnored(/^webex-sdk: .*not a state/);
  });
});
