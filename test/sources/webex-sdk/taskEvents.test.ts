// DESIGN §3 "Webex SDK", the task rows: each task event asserts the task's state and, naming an
// agent, that agent's work and membership.
import { describe, expect, it } from 'vitest';
import { AGENT, TASK, taskPayload, when } from './build.js';

const ON_TASK = `task:${TASK}`;
const ON_AGENT = `agent:${AGENT}`;
const work = (kind: string) => ({ on: ON_AGENT, type: 'agent.work', taskId: TASK, work: kind });
const workEnded = { on: ON_AGENT, type: 'agent.workEnded', taskId: TASK };

describe('webex-sdk task events', () => {
  it.each([
    ['task:incoming', 'offered', 'reserved'],
    ['task:offerContact', 'offered', 'reserved'],
    ['task:offerConsult', 'offered', 'reserved'],
    ['task:assigned', 'connected', 'engaged'],
    ['task:hold', 'held', 'engaged'],
    ['task:unhold', 'connected', 'engaged'],
    ['task:consultCreated', 'consulting', 'engaged'],
    ['task:consulting', 'consulting', 'engaged'],
    ['task:consultAccepted', 'consulting', 'engaged'],
    ['task:consultEnd', 'held', 'engaged'],
    ['task:consultQueueCancelled', 'held', 'engaged'],
    ['task:consultQueueFailed', 'held', 'engaged'],
    ['task:wrapup', 'wrapup', 'wrapup'],
  ])('%s: task %s, the agent joins it and is %s', (event, state, agentWork) => {
    when(event, taskPayload()).then([{ on: ON_TASK, type: `task.${state}`, agentJoined: AGENT }, work(agentWork)]);
  });

  it('a payload without a contact direction maps all the same, with no direction', () => {
    const { result } = when('task:incoming', taskPayload({ contactDirection: undefined }));
    expect(result.kind === 'events' && result.events[0]?.attributes).toEqual({ channelType: 'telephony', queueId: 'queue-1' });
  });

  it('an event that says nothing about the agent (media, recording) does not make the named agent join the task', () => {
    for (const event of ['task:recordingStarted', 'task:recordingPaused']) {
      const { result } = when(event, taskPayload());
      expect(result.kind === 'events' && result.events.map(({ entity, ...rest }) => [entity.kind, 'agentJoined' in rest, 'agentLeft' in rest])).toEqual([['task', false, false]]);
    }
  });

  it('task:end that says nothing of wrap-up: the work is over', () => {
    when('task:end', taskPayload()).then([{ on: ON_TASK, type: 'task.ended' }, workEnded]);
  });

  it('carries the task attributes: media type, direction, queue', () => {
    when('task:incoming', taskPayload()).then([
      { on: ON_TASK, attributes: { channelType: 'telephony', direction: 'INBOUND', queueId: 'queue-1' } },
      work('reserved'),
    ]);
  });

  it("task:consultEnd from the owner's side: the owner stays on the task, engaged", () => {
    const payload = taskPayload({ interaction: { interactionId: TASK, owner: AGENT } });
    when('task:consultEnd', payload).then([{ on: ON_TASK, type: 'task.held', agentJoined: AGENT }, work('engaged')]);
  });

  it("task:consultEnd from the consulted agent's side: that agent leaves the task, its work ends", () => {
    const payload = taskPayload({ interaction: { interactionId: TASK, owner: 'the-owner' } });
    when('task:consultEnd', payload).then([{ on: ON_TASK, type: 'task.held', agentLeft: AGENT }, workEnded]);
  });

  it('task:end with wrapupRequired: task ended, the agent in wrap-up', () => {
    when('task:end', taskPayload({ wrapupRequired: true })).then([{ on: ON_TASK, type: 'task.ended' }, work('wrapup')]);
  });

  it('task:end without wrap-up: task ended, the agent back to their presence', () => {
    when('task:end', taskPayload({ wrapupRequired: false })).then([{ on: ON_TASK, type: 'task.ended' }, workEnded]);
  });

  it("task:end reads the SDK's own spelling wrapUpRequired too", () => {
    when('task:end', taskPayload({ wrapUpRequired: true })).then([{ on: ON_TASK, type: 'task.ended' }, work('wrapup')]);
  });

  it('task:wrappedup: task closed, the agent back to their presence', () => {
    when('task:wrappedup', taskPayload()).then([{ on: ON_TASK, type: 'task.closed', agentJoined: AGENT }, workEnded]);
  });

  it('task:rejected (RONA): task queued again, the agent leaves it and its work ends', () => {
    when('task:rejected', taskPayload({ reason: 'RONA_TIMER_EXPIRED' })).then([
      { on: ON_TASK, type: 'task.queued', agentLeft: AGENT },
      workEnded,
    ]);
  });

  it.each([
    ['task:recordingPaused', 'paused'],
    ['task:recordingResumed', 'active'],
    ['task:recordingStarted', 'active'],
  ])('%s: the task attribute recording is %s, no state', (event, recording) => {
    when(event, taskPayload()).then([{ on: ON_TASK, type: 'task.updated', attributes: { recording } }]);
  });

  it('task:campaignContactUpdated: attributes only', () => {
    when('task:campaignContactUpdated', taskPayload({ mediaType: 'chat' })).then([{ on: ON_TASK, type: 'task.updated', attributes: { channelType: 'chat' } }]);
  });

  it.each(['task:recordingPauseFailed', 'task:recordingResumeFailed'])('%s changes no state', (event) => {
    when(event, taskPayload()).thenIgnored(/^webex-sdk: .*failed request/);
  });

  it('a task event that names no agent asserts the task only', () => {
    when('task:hold', taskPayload({ agentId: undefined })).then([{ on: ON_TASK, type: 'task.held' }]);
  });

  it('takes the top-level interactionId when the interaction has none', () => {
    when('task:assigned', taskPayload({ interaction: undefined, interactionId: 'top-level' })).then([
      { on: 'task:top-level', type: 'task.connected' },
      { on: ON_AGENT, taskId: 'top-level' },
    ]);
  });
});

describe('webex-sdk task:hydrate restores the state its payload carries', () => {
  it.each([
    ['new', 'offered', 'reserved'],
    ['offered', 'offered', 'reserved'],
    ['connected', 'connected', 'engaged'],
    ['hold', 'held', 'engaged'],
    ['consulted', 'consulting', 'engaged'],
    ['consulting', 'consulting', 'engaged'],
    ['conference', 'conferencing', 'engaged'],
    ['wrapUp', 'wrapup', 'wrapup'],
    ['wrap-up', 'wrapup', 'wrapup'],
  ])('state %s: task %s, agent %s', (state, taskState, agentWork) => {
    when('task:hydrate', taskPayload({ state })).then([{ on: ON_TASK, type: `task.${taskState}`, agentJoined: AGENT }, work(agentWork)]);
  });

  it('reads interaction.state (where the SDK keeps it) when there is no top-level state', () => {
    const payload = taskPayload({ state: undefined });
    payload.interaction = { interactionId: TASK, state: 'hold' };
    when('task:hydrate', payload).then([{ on: ON_TASK, type: 'task.held' }, work('engaged')]);
  });

  it('an unknown state is rejected, not guessed, naming the field it was read from', () => {
    when('task:hydrate', taskPayload({ state: 'teleported' })).thenRejected(['payload', 'state']);
    expect(when('task:hydrate', taskPayload({ state: 'teleported' })).result).toMatchObject({
      issues: [{ message: 'unknown task state "teleported"', code: 'invalid_value' }],
    });
    const inInteraction = taskPayload({ state: undefined, interaction: { interactionId: TASK, state: 'teleported' } });
    when('task:hydrate', inInteraction).thenRejected(['payload', 'interaction', 'state']);
    // The top-level state is the one read, and named, whatever the interaction says.
    const overInteraction = taskPayload({ state: 'teleported', interaction: { interactionId: TASK, state: 'connected' } });
    when('task:hydrate', overInteraction).thenRejected(['payload', 'state']);
  });

  it('a hydrate without any state is rejected, with or without an interaction', () => {
    when('task:hydrate', taskPayload({ state: undefined })).thenRejected(['payload', 'state']);
    const bare = taskPayload({ state: undefined, interaction: undefined, interactionId: TASK });
    when('task:hydrate', bare).thenRejected(['payload', 'state']);
    expect(when('task:hydrate', bare).result).toMatchObject({ issues: [{ message: 'task:hydrate needs the task state', code: 'invalid_value' }] });
  });
});
