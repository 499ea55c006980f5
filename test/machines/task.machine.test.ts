import { describe, expect, it } from 'vitest';
import { participatingAgents } from '../../machines/task.context.js';
import { taskMachine } from '../../machines/task.machine.js';
import { inSequence, taskEvent } from '../support/canonical.js';
import { fold } from './machineSpec.js';

const given = (...events: Parameters<typeof taskEvent>[0][]) => fold(taskMachine, inSequence(events.map((event) => taskEvent(event))), 't1');

describe('task machine', () => {
  it('follows the nominal lifecycle without gaps', () => {
    const snapshot = given(
      { type: 'task.new' },
      { type: 'task.queued' },
      { type: 'task.offered', agentJoined: 'a1' },
      { type: 'task.connected', agentJoined: 'a1' },
      { type: 'task.held' },
      { type: 'task.connected' },
      { type: 'task.ended', attributes: { endReason: 'Customer left', endParty: 'Customer' } },
      { type: 'task.wrapup', agentJoined: 'a1' },
      { type: 'task.closed', agentJoined: 'a1' },
    );
    expect(snapshot.value).toBe('closed');
    expect(snapshot.context.gapCount).toBe(0);
    expect(snapshot.context.attributes).toMatchObject({ endReason: 'Customer left', endParty: 'Customer' });
    expect(snapshot.context.enteredAt).toEqual({ new: 1000, queued: 1001, offered: 1002, connected: 1003, held: 1004, ended: 1006, wrapup: 1007, closed: 1008 });
    expect(snapshot.context.durations).toMatchObject({ queueMs: 1, ringMs: 1, talkMs: 2, holdMs: 1, wrapupMs: 1 });
  });

  it('takes an assertion that skips states and records the gap', () => {
    const snapshot = given({ type: 'task.new' }, { type: 'task.wrapup' });
    expect(snapshot.value).toBe('wrapup');
    expect(snapshot.context.gaps).toEqual([{ from: 'new', to: 'wrapup', at: 1001, eventId: expect.any(String) }]);
    expect(snapshot.context.gapCount).toBe(1);
  });

  it('absorbs a capture that arrives after the task closed', () => {
    const snapshot = given({ type: 'task.ended' }, { type: 'task.closed' }, { type: 'task.updated', capture: 'https://captures/1' });
    expect(snapshot.value).toBe('closed');
    expect(snapshot.context.captures).toEqual(['https://captures/1']);
  });

  it('absorbs a state assertion after closed as attributes only', () => {
    const snapshot = given({ type: 'task.closed' }, { type: 'task.connected', attributes: { queueId: 'q9' } });
    expect(snapshot.value).toBe('closed');
    expect(snapshot.context.attributes.queueId).toBe('q9');
  });

  it('keeps a conference going when the consulted agent wraps up, and closes when the last agent is done', () => {
    const conference = [
      { type: 'task.connected', agentJoined: 'a1' },
      { type: 'task.conferencing', agentJoined: 'a2' },
      { type: 'task.connected' },
      { type: 'task.wrapup', agentJoined: 'a2' },
      { type: 'task.closed', agentJoined: 'a2' },
    ] as const;
    const during = given(...conference);
    expect(during.value).toBe('connected');
    expect(during.context.participants).toEqual({ a1: 'working', a2: 'done' });
    const after = given(...conference, { type: 'task.ended' }, { type: 'task.wrapup', agentJoined: 'a1' }, { type: 'task.closed', agentJoined: 'a1' });
    expect(after.value).toBe('closed');
  });

  it('marks an agent that did not answer (RONA) as left, and that agent closing its leg moves nothing', () => {
    const snapshot = given({ type: 'task.offered', agentJoined: 'a1' }, { type: 'task.queued', agentLeft: 'a1' });
    expect(snapshot.value).toBe('queued');
    expect(snapshot.context.participants).toEqual({ a1: 'left' });
    expect(participatingAgents(snapshot.context)).toEqual([]);
    const closedLeg = given({ type: 'task.offered', agentJoined: 'a1' }, { type: 'task.queued', agentLeft: 'a1' }, { type: 'task.closed', agentJoined: 'a1' });
    expect(closedLeg.value).toBe('queued');
    expect(closedLeg.context.participants).toEqual({ a1: 'left' });
  });

  it('keeps wrap-up when the end is asserted after it', () => {
    const snapshot = given({ type: 'task.connected' }, { type: 'task.wrapup' }, { type: 'task.ended', attributes: { endParty: 'customer' } });
    expect(snapshot.value).toBe('wrapup');
    expect(snapshot.context.attributes.endParty).toBe('customer');
  });

  it('keeps a task queued for a transfer when the previous agent leaves, and ends it otherwise', () => {
    const transferred = given(
      { type: 'task.connected', agentJoined: 'a1' },
      { type: 'task.queued' },
      { type: 'task.ended', agentLeft: 'a1', unlessTransferPending: true },
    );
    expect(transferred.value).toBe('queued');
    const left = given({ type: 'task.connected', agentJoined: 'a1' }, { type: 'task.ended', agentLeft: 'a1', unlessTransferPending: true });
    expect(left.value).toBe('ended');
  });

  it('re-opens an ended chat when it is queued or joined again', () => {
    expect(given({ type: 'task.connected' }, { type: 'task.ended' }, { type: 'task.queued' }).value).toBe('queued');
    const rejoined = given({ type: 'task.connected' }, { type: 'task.ended' }, { type: 'task.connected' });
    expect(rejoined.value).toBe('connected');
    expect(rejoined.context.gapCount).toBe(0);
  });
});
