import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import { agentEvent, inSequence } from '../support/canonical.js';
import { fold } from './machineSpec.js';

const given = (...events: Parameters<typeof agentEvent>[0][]) => fold(agentMachine, inSequence(events.map((event) => agentEvent(event))), 'a1');

describe('agent machine', () => {
  it('starts logged out and logs in to the asserted presence', () => {
    expect(fold(agentMachine, []).value).toBe('loggedOut');
    expect(given({ type: 'agent.loggedIn', presence: 'available' }).value).toBe('available');
    expect(given({ type: 'agent.loggedIn', presence: 'idle', idleCode: { id: '5' } }).context.idleCode).toEqual({ id: '5' });
  });

  it('shows work while there is work, and returns to the presence last asserted when it ends', () => {
    const engaged = [
      { type: 'agent.loggedIn', presence: 'available' },
      { type: 'agent.work', taskId: 't1', work: 'reserved' },
      { type: 'agent.work', taskId: 't1', work: 'engaged' },
      // Presence-only sources (Vonage) change presence during a call: the call still shows.
      { type: 'agent.presence', presence: 'idle', endsWork: false, idleCode: { name: 'Lunch' } },
    ] as const;
    expect(given(...engaged).value).toBe('engaged');
    const ended = given(...engaged, { type: 'agent.work', taskId: 't1', work: 'wrapup' }, { type: 'agent.workEnded', taskId: 't1' });
    expect(ended.value).toBe('idle');
    expect(ended.context.idleCode).toEqual({ name: 'Lunch' });
  });

  it('shows the most demanding work across tasks', () => {
    const snapshot = given(
      { type: 'agent.loggedIn', presence: 'available' },
      { type: 'agent.work', taskId: 't1', work: 'wrapup' },
      { type: 'agent.work', taskId: 't2', work: 'engaged' },
    );
    expect(snapshot.value).toBe('engaged');
    expect(given({ type: 'agent.loggedIn', presence: 'available' }, { type: 'agent.work', taskId: 't1', work: 'wrapup' }, { type: 'agent.work', taskId: 't2', work: 'reserved' }).value).toBe('reserved');
  });

  it('takes a direct assertion of availability (Webex) as the end of all work', () => {
    const snapshot = given(
      { type: 'agent.loggedIn', presence: 'idle' },
      { type: 'agent.work', taskId: 't1', work: 'engaged' },
      { type: 'agent.presence', presence: 'available', endsWork: true },
    );
    expect(snapshot.value).toBe('available');
    expect(snapshot.context.work).toEqual({});
  });

  it('goes where the source says when work ends (RONA → idle)', () => {
    const snapshot = given(
      { type: 'agent.loggedIn', presence: 'available' },
      { type: 'agent.work', taskId: 't1', work: 'reserved' },
      { type: 'agent.workEnded', taskId: 't1', presence: 'idle' },
    );
    expect(snapshot.value).toBe('idle');
  });

  it('logs out from any state, dropping work', () => {
    const snapshot = given({ type: 'agent.loggedIn', presence: 'available' }, { type: 'agent.work', taskId: 't1', work: 'engaged' }, { type: 'agent.loggedOut' });
    expect(snapshot.value).toBe('loggedOut');
    expect(snapshot.context.work).toEqual({});
  });

  it('records a gap when work is asserted after a logout, and takes it', () => {
    const snapshot = given({ type: 'agent.loggedOut' }, { type: 'agent.work', taskId: 't1', work: 'engaged' });
    expect(snapshot.value).toBe('engaged');
    expect(snapshot.context.gaps).toEqual([{ from: 'loggedOut', to: 'engaged', at: 1001, eventId: expect.any(String) }]);
  });

  it('takes a first assertion of work as no gap: listening may start mid-shift', () => {
    const snapshot = given({ type: 'agent.work', taskId: 't1', work: 'engaged' });
    expect(snapshot.value).toBe('engaged');
    expect(snapshot.context.gapCount).toBe(0);
  });
});
