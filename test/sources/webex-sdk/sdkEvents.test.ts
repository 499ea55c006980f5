// The names the Webex SDK's own source emits beside the documented ones (mapping.ts, the SDK
// followed): each asserts what its row says, or is answered `ignored` with its reason; a name
// the SDK does not have is still rejected.
import { describe, expect, it } from 'vitest';
import { derivedEventId } from '../../../src/sources/derivedEventId.js';
import { FAILURE_EVENTS, STATELESS_EVENTS } from '../../../src/sources/webex-sdk/mapping.js';
import { AGENT, agentPayload, T0, TASK, taskPayload, when, whenLine } from './build.js';

const ON_TASK = `task:${TASK}`;
const ON_AGENT = `agent:${AGENT}`;
const work = (kind: string) => ({ on: ON_AGENT, type: 'agent.work', taskId: TASK, work: kind });
const workEnded = { on: ON_AGENT, type: 'agent.workEnded', taskId: TASK };
const EXPERT = 'expert-agent';
const CUSTOMER = 'customer-1';

/** The SDK's interaction.participants: the agent and the customer on the call, and the expert. */
function withParticipants(expert: { hasLeft: boolean } | null): Record<string, unknown> {
  const participants: Record<string, unknown> = {
    [AGENT]: { id: AGENT, pType: 'Agent', hasLeft: false },
    [CUSTOMER]: { id: CUSTOMER, pType: 'Customer', hasLeft: false },
    supervisor: { id: 'supervisor', pType: 'Supervisor', hasLeft: false },
  };
  if (expert) participants[EXPERT] = { id: EXPERT, pType: 'Agent', ...expert };
  return taskPayload({ interaction: { interactionId: TASK, currentVTeam: 'queue-1', participants } });
}

describe('webex-sdk: the task events the SDK emits beside the documented ones', () => {
  it.each([
    ['task:resume', 'connected', 'engaged'],
    ['task:autoAnswered', 'connected', 'engaged'],
    ['task:postCallActivity', 'wrapup', 'wrapup'],
    ['task:campaignPreviewReservation', 'offered', 'reserved'],
  ])('%s: task %s, the agent joins it and is %s', (event, state, agentWork) => {
    when(event, taskPayload()).then([{ on: ON_TASK, type: `task.${state}`, agentJoined: AGENT }, work(agentWork)]);
  });

  it('task:unassigned: the contact was taken from the agent, who leaves it; its work ends, the task state stays', () => {
    when('task:unassigned', taskPayload()).then([{ on: ON_TASK, type: 'task.updated', agentLeft: AGENT }, workEnded]);
  });

  it.each([
    ['task:conferenceStarted', 'conferencing'],
    ['task:conferenceEnded', 'connected'],
    ['task:conferenceTransferred', 'connected'],
    ['task:participantJoined', 'updated'],
    ['task:participantLeft', 'updated'],
    ['task:merged', 'updated'],
  ])('%s: task %s, and who is on the call from the participants (agents only), no work', (event, state) => {
    when(event, withParticipants({ hasLeft: false })).then([
      { on: ON_TASK, type: `task.${state}` },
      { on: ON_TASK, type: 'task.updated', agentJoined: AGENT },
      { on: ON_TASK, type: 'task.updated', agentJoined: EXPERT },
    ]);
  });

  it('a participant who has left leaves the task', () => {
    when('task:participantLeft', withParticipants({ hasLeft: true })).then([
      { on: ON_TASK, type: 'task.updated' },
      { on: ON_TASK, type: 'task.updated', agentJoined: AGENT },
      { on: ON_TASK, type: 'task.updated', agentLeft: EXPERT },
    ]);
  });

  it('each membership event has an id of its own, derived from the delivery, so none conflicts with another', () => {
    const { result } = when('task:conferenceStarted', withParticipants({ hasLeft: false }));
    const ids = result.kind === 'events' ? result.events.map((event) => event.id) : [];
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe(`${ids[0]}/${AGENT}`);
    expect(ids[2]).toBe(`${ids[0]}/${EXPERT}`);
    expect(result.kind === 'events' && result.events.every((event) => event.time === T0)).toBe(true);
  });

  it('an event whose row reads no participants ignores them: task:hold asserts the task and the work only', () => {
    when('task:hold', withParticipants({ hasLeft: true })).then([{ on: ON_TASK, type: 'task.held', agentJoined: AGENT }, work('engaged')]);
    expect(when('task:hold', withParticipants({ hasLeft: true })).result).toMatchObject({ kind: 'events', events: [{}, {}] });
  });

  it('a conference event without participants asserts the state only', () => {
    when('task:conferenceStarted', taskPayload()).then([{ on: ON_TASK, type: 'task.conferencing' }]);
    expect(when('task:conferenceStarted', taskPayload()).result).toMatchObject({ kind: 'events', events: [{}] });
  });

  it('a task with its interaction id at the top level and no interaction: no media type, no participants, no crash', () => {
    const payload = { interactionId: TASK, eventTime: T0 };
    expect(when('task:conferenceStarted', payload).result).toMatchObject({
      kind: 'events',
      events: [{ type: 'task.conferencing', entity: { kind: 'task', id: TASK }, attributes: {} }],
    });
  });

  it("reads the SDK's participants: [] (nobody yet) as no participants", () => {
    const payload = taskPayload({ interaction: { interactionId: TASK, participants: [] } });
    expect(when('task:participantJoined', payload).result).toMatchObject({ kind: 'events', events: [{ type: 'task.updated' }] });
  });

  it('reads a participant type in any case; one without a type is not an agent', () => {
    const participants = { [EXPERT]: { pType: 'AGENT', hasLeft: false }, nobody: { hasLeft: false } };
    when('task:participantJoined', taskPayload({ interaction: { interactionId: TASK, participants } })).then([
      { on: ON_TASK, type: 'task.updated' },
      { on: ON_TASK, agentJoined: EXPERT },
    ]);
  });

  it('too many participants, or a participant of the wrong shape, is rejected', () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`p-${index}`, { pType: 'Agent' }]));
    when('task:participantJoined', taskPayload({ interaction: { interactionId: TASK, participants: many } })).thenRejected([
      'payload',
      'interaction',
      'participants',
    ]);
    const wrong = { [EXPERT]: { pType: 'Agent', hasLeft: 'yes' } };
    when('task:participantJoined', taskPayload({ interaction: { interactionId: TASK, participants: wrong } })).thenRejected([
      'payload',
      'interaction',
      'participants',
    ]);
  });

  it('reads the media type and the owner where the SDK keeps them too: interaction.mediaType, a top-level owner', () => {
    const payload = taskPayload({ mediaType: undefined, owner: 'the-owner', interaction: { interactionId: TASK, mediaType: 'chat' } });
    when('task:consultEnd', payload).then([{ on: ON_TASK, type: 'task.held', agentLeft: AGENT, attributes: { channelType: 'chat' } }, workEnded]);
  });

  it('task:multiLoginHydrate restores the state its payload carries, as task:hydrate does', () => {
    when('task:multiLoginHydrate', taskPayload({ state: 'hold' })).then([{ on: ON_TASK, type: 'task.held', agentJoined: AGENT }, work('engaged')]);
    expect(when('task:multiLoginHydrate', taskPayload({ state: undefined })).result).toMatchObject({
      issues: [{ message: 'task:multiLoginHydrate needs the task state' }],
    });
  });

  it('task:hydrate of a task in post-call work (interaction.state post_call): task and agent in wrap-up', () => {
    const payload = taskPayload({ state: undefined, interaction: { interactionId: TASK, state: 'post_call' } });
    when('task:hydrate', payload).then([{ on: ON_TASK, type: 'task.wrapup', agentJoined: AGENT }, work('wrapup')]);
  });
});

describe('webex-sdk: task:rejected names its task beside the reason the SDK emits', () => {
  it('{"event", "payload": <reason>, "task": <task.data>}: the task is read from `task`', () => {
    whenLine({ event: 'task:rejected', payload: 'RONA_TIMER_EXPIRED', task: taskPayload() }).then([
      { on: ON_TASK, type: 'task.queued', agentLeft: AGENT },
      workEnded,
    ]);
  });

  it('the task beside the payload enters the event id: two tasks rejected for one reason are two events', () => {
    const one = whenLine({ event: 'task:rejected', payload: 'RONA_TIMER_EXPIRED', task: taskPayload() }).result;
    const other = whenLine({ event: 'task:rejected', payload: 'RONA_TIMER_EXPIRED', task: taskPayload({ eventTime: T0 + 1 }) }).result;
    expect(one.kind === 'events' && other.kind === 'events' && one.events[0]?.id !== other.events[0]?.id).toBe(true);
  });

  it('a line without `task` keeps the id it always had: the hash of its event and payload', () => {
    const { result } = when('task:hold', taskPayload());
    expect(result.kind === 'events' && result.events[0]?.id).toBe(derivedEventId('webex-sdk', { event: 'task:hold', payload: taskPayload() }));
  });
});

describe('webex-sdk: the agent events the SDK emits', () => {
  it('agent:stateChange (the AgentStateChange data, flat) asserts the presence, as agent:stateChangeSuccess does', () => {
    const data = { agentId: AGENT, type: 'AgentStateChange', subStatus: 'Idle', auxCodeId: 'aux-lunch', lastStateChangeTimestamp: T0 };
    when('agent:stateChange', data).then([{ on: ON_AGENT, type: 'agent.presence', presence: 'idle', endsWork: false, idleCode: { id: 'aux-lunch' } }]);
    when('agent:stateChange', agentPayload({ subStatus: 'Available' })).then([{ on: ON_AGENT, type: 'agent.presence', presence: 'available' }]);
  });
});

describe('webex-sdk: names that carry no state are answered, not rejected', () => {
  it.each(Object.entries(STATELESS_EVENTS))('%s is ignored: it %s', (event, reason) => {
    when(event, taskPayload()).thenIgnored(new RegExp(`^webex-sdk: ${event} ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('task:media is ignored whatever it carries (the SDK emits a media track)', () => {
    when('task:media', { kind: 'audio', id: 'track-1' }).thenIgnored(/media track/);
  });

  it.each(FAILURE_EVENTS)('%s reports a failed request: ignored', (event) => {
    when(event, 'reason').thenIgnored(/failed request/);
  });

  it('a hyphen is part of the name: task:ui-controls-updated is one name, a future hyphenated one is still unknown', () => {
    when('task:ui-controls-updated', undefined).thenIgnored(/UI controls/);
    when('task:wxapp-mute-state-updated', { muted: true }).thenIgnored(/mute state/);
  });

  it('cc:featureEnablement (in the SDK\'s AGENT_EVENTS, emitted on webex.cc) is a name of the cc family: ignored', () => {
    when('cc:featureEnablement', { interactionId: 'i-1', enabled: true }).thenIgnored(/AI feature/);
    expect(when('cc:somethingNew', taskPayload()).result).toMatchObject({
      kind: 'rejected',
      issues: [{ path: ['event'], message: 'unknown Webex SDK event "cc:somethingNew"' }],
    });
    expect(when('task:media-updated', taskPayload()).result).toMatchObject({
      kind: 'rejected',
      issues: [{ path: ['event'], message: 'unknown Webex SDK event "task:media-updated"' }],
    });
  });
});
