// DESIGN §3 "Webex webhooks", row by row: given earlier deliveries, when one arrives, then the views.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../../examples/webex/webhooks.js';
import { givenEngine } from '../../support/givenWhen.js';

let counter = 0;
const at = (time: number) => ({ id: `w-${++counter}`, time: 1_700_000_000_000 + time });

const given = (...bodies: webhook.WebexBody[]) => givenEngine(bodies.map((body) => ({ source: 'webex', body: JSON.stringify(body) })));

const login = (agentId = 'a1', available = true, time = 0) => {
  const { id, time: t } = at(time);
  return webhook.agentLogin(id, t, agentId, 'team-1', available);
};
const state = (name: webhook.WebexAgentStateName, time: number, extra: { taskId?: string; idleCodeId?: string } = {}, agentId = 'a1') => {
  const { id, time: t } = at(time);
  return webhook.agentStateChange(id, t, agentId, name, extra);
};
const task = (type: webhook.WebexTaskType, time: number, fields: webhook.WebexTaskFields = {}, taskId = 't1') => {
  const { id, time: t } = at(time);
  return webhook.taskEvent(id, t, type, taskId, fields);
};

describe('Webex agent:login', () => {
  it('logs the agent in, in currentState', () => {
    expect(given(login('a1', true)).agent('a1')?.state).toBe('available');
    expect(given(login('a1', false)).agent('a1')?.state).toBe('idle');
    expect(given(login('a1', true)).agent('a1')?.attributes).toMatchObject({ teamId: 'team-1', profileType: 'BLENDED' });
  });
});

describe('Webex agent:logout', () => {
  it('logs the agent and all its channels out', () => {
    const { id, time } = at(10);
    const ch = at(5);
    const engine = given(
      login(),
      webhook.channelStateChange(ch.id, ch.time, 'a1', 'telephony', 'Available'),
      webhook.channelStateChange(`${ch.id}b`, ch.time, 'a1', 'chat', 'Engaged'),
      webhook.agentLogout(id, time, 'a1'),
    );
    expect(engine.agent('a1')).toMatchObject({
      state: 'loggedOut',
      channels: { telephony: 'loggedOut', chat: 'loggedOut', email: 'loggedOut', social: 'loggedOut' },
    });
  });
});

describe('Webex agent:state_change', () => {
  it.each([
    ['idle', 'idle'],
    ['available', 'available'],
    ['ringing', 'reserved'],
    ['not-responding', 'idle'],
    ['connected', 'engaged'],
    ['on-hold', 'engaged'],
    ['hold-done', 'engaged'],
    ['consulting', 'engaged'],
    ['conferencing', 'engaged'],
    ['consult-done', 'engaged'],
    ['wrapup', 'wrapup'],
    ['wrapup-done', 'available'],
  ] as const)('%s → agent %s', (webexState, agentState) => {
    expect(given(login('a1', webexState !== 'wrapup-done'), state(webexState, 10)).agent('a1')?.state).toBe(agentState);
  });

  it('keeps the idle code id', () => {
    expect(given(login(), state('idle', 10, { idleCodeId: '2651' })).agent('a1')?.idleCode).toEqual({ id: '2651' });
  });
});

describe('Webex agent:state_change with a taskId', () => {
  it.each([
    ['ringing', 'offered'],
    ['connected', 'connected'],
    ['on-hold', 'held'],
    ['hold-done', 'connected'],
    ['consulting', 'consulting'],
    ['consult-done', 'held'],
    ['conferencing', 'conferencing'],
    ['not-responding', 'queued'],
    ['wrapup', 'wrapup'],
    ['wrapup-done', 'closed'],
  ] as const)('%s → task %s', (webexState, taskState) => {
    const engine = given(login(), task('task:new', 1), state(webexState, 10, { taskId: 't1' }));
    expect(engine.task('t1')?.state).toBe(taskState);
  });

  it('makes the agent join the task, and a RONA takes it out again', () => {
    const offered = given(login(), task('task:new', 1), state('ringing', 10, { taskId: 't1' }));
    expect(offered.task('t1')?.agents).toEqual(['a1']);
    expect(offered.agent('a1')?.tasks).toEqual(['t1']);
    const rona = given(login(), task('task:new', 1), state('ringing', 10, { taskId: 't1' }), state('not-responding', 20, { taskId: 't1' }));
    expect(rona.task('t1')?.agents).toEqual([]);
    expect(rona.agent('a1')?.tasks).toEqual([]);
  });
});

describe('Webex agent:channelType_state_change', () => {
  it.each([
    ['Available', 'available'],
    ['Idle', 'idle'],
    ['Engaged', 'engaged'],
    ['EngagedOther', 'engagedOther'],
    ['WrapUp', 'wrapup'],
    ['Reserved', 'reserved'],
    ['LoggedOut', 'loggedOut'],
  ] as const)('%s → channel %s', (webexState, channelState) => {
    const { id, time } = at(10);
    const engine = given(login(), webhook.channelStateChange(id, time, 'a1', 'email', webexState));
    expect(engine.agent('a1')?.channels.email).toBe(channelState);
  });
});

describe('Webex task events', () => {
  it.each([
    ['task:new', 'new'],
    ['task:parked', 'queued'],
    ['task:connect', 'offered'],
    ['task:connected', 'connected'],
    ['task:on-hold', 'held'],
    ['task:hold-done', 'connected'],
    ['task:consulting', 'consulting'],
    ['task:consult-done', 'held'],
    ['task:conferencing', 'conferencing'],
    ['task:conference-done', 'connected'],
    ['task:conference-transferred', 'connected'],
    ['task:ended', 'ended'],
    ['task:failed', 'ended'],
  ] as const)('%s → task %s', (type, taskState) => {
    expect(given(task('task:new', 0), task(type, 10)).task('t1')?.state).toBe(taskState);
  });

  it('records the task attributes, the end reason and the terminating party', () => {
    const fields = { channelType: 'telephony', direction: 'INBOUND' as const, origin: '+15550001', destination: '+18005550100', queueId: 'q1' };
    const engine = given(task('task:new', 0, fields), task('task:ended', 10, { ...fields, terminatingParty: 'Customer', reason: 'Customer left' }));
    expect(engine.task('t1')).toMatchObject({ ...fields, state: 'ended', endParty: 'Customer', endReason: 'Customer left' });
  });

  it('task:origin-updated changes the origin only', () => {
    const engine = given(task('task:connected', 0, { origin: '+1' }), task('task:origin-updated', 10, { origin: '+2' }));
    expect(engine.task('t1')).toMatchObject({ state: 'connected', origin: '+2' });
  });

  it('capture:available adds the capture, also after the task closed', () => {
    const capture = at(100);
    const engine = given(
      task('task:connected', 0),
      task('task:ended', 10),
      state('wrapup-done', 20, { taskId: 't1' }),
      webhook.captureAvailable(capture.id, capture.time, 't1'),
    );
    expect(engine.task('t1')).toMatchObject({ state: 'closed', captures: ['https://api.wxcc-us1.ciscoccservice.com/v1/captures/t1'] });
  });
});
