// The oracle's own spec: a few plans whose end states are plain from DESIGN §3.
import { describe, expect, it } from 'vitest';
import { expectedStates } from './expectedStates.js';
import type { Fact, PlannedDelivery } from './facts.js';

const at = (time: number, ...facts: Fact[]): PlannedDelivery => ({ time, line: JSON.stringify({ time, facts }), facts });

describe('expected states', () => {
  it('join presence and work: the agent shows its work, then returns to the presence last asserted', () => {
    const working = [
      at(1, { what: 'signedIn', agent: 'a', presence: 'idle' }),
      at(2, { what: 'work', agent: 'a', task: 't', work: 'engaged' }),
      at(3, { what: 'presence', agent: 'a', presence: 'available', endsWork: false }),
    ];
    expect(expectedStates(working).agents.a).toMatchObject({ state: 'engaged', tasks: ['t'] });
    expect(expectedStates([...working, at(4, { what: 'workDone', agent: 'a', task: 't' })]).agents.a).toMatchObject({ state: 'available', tasks: [] });
  });

  it('fold same-instant facts in lifecycle order, whatever order the plan lists them in', () => {
    const plan = [at(5, { what: 'task', task: 't', state: 'ended' }), at(5, { what: 'task', task: 't', state: 'connected' })];
    expect(expectedStates(plan).tasks.t).toBe('ended');
  });

  it('let an agent’s own wrap-up move the task only when nobody else is still on it', () => {
    const conference = [
      at(1, { what: 'task', task: 't', state: 'conferencing', agent: 'a' }, { what: 'task', task: 't', state: 'conferencing', agent: 'b' }),
      at(2, { what: 'task', task: 't', state: 'wrapup', agent: 'b' }),
    ];
    expect(expectedStates(conference).tasks.t).toBe('conferencing');
    expect(expectedStates([...conference, at(3, { what: 'task', task: 't', state: 'wrapup', agent: 'a' })]).tasks.t).toBe('wrapup');
  });

  it('keep a chat queued for a transfer when its agent leaves, and absorb everything once closed', () => {
    const left = { what: 'task', task: 't', state: 'ended', agent: 'a', leaves: true, unlessTransferPending: true } as const;
    expect(expectedStates([at(1, { what: 'task', task: 't', state: 'queued' }), at(2, left)]).tasks.t).toBe('queued');
    expect(expectedStates([at(1, { what: 'task', task: 't', state: 'connected' }), at(2, left)]).tasks.t).toBe('ended');
    expect(expectedStates([at(1, { what: 'task', task: 't', state: 'closed' }), at(2, { what: 'task', task: 't', state: 'connected' })]).tasks.t).toBe('closed');
  });

  it('show every channel of an agent, logged out where nothing was heard', () => {
    const states = expectedStates([at(1, { what: 'channel', agent: 'a', channel: 'chat', state: 'available' })]);
    expect(states.agents.a).toEqual({ state: 'loggedOut', channels: { telephony: 'loggedOut', chat: 'available', email: 'loggedOut', social: 'loggedOut' }, tasks: [] });
  });
});
