import { describe, expect, it } from 'vitest';
import { type AgentContext, agentFactsAfter, initialAgentContext } from '../../machines/agent.context.js';
import { agentMachine } from '../../machines/agent.machine.js';
import { AGENT_STATES, type AgentState } from '../../src/events/states.js';
import { givenMachine } from '../support/givenWhen.js';
import { agentEvent, } from '../support/canonical.js';
import { afterOne, drawnEdges, fold, listedStays, resyncGroup } from './machineSpec.js';

const given = givenMachine(agentMachine, (assertion: Parameters<typeof agentEvent>[0]) => agentEvent(assertion), 'a1');

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

  it('keeps the idle code while the agent stays idle, through work and assertions that name none, and drops it when the presence changes', () => {
    const lunch = [
      { type: 'agent.loggedIn', presence: 'idle', idleCode: { name: 'Lunch' } },
      { type: 'agent.work', taskId: 't1', work: 'engaged' },
      // As the adapters emit an assertion without a code (Telax StatusChanged to idle with none).
      { type: 'agent.presence', presence: 'idle', endsWork: false, idleCode: undefined },
    ] as const;
    expect(given(...lunch).context.idleCode).toEqual({ name: 'Lunch' });
    expect(given(...lunch, { type: 'agent.presence', presence: 'available', endsWork: false }).context.idleCode).toBeNull();
    expect(given(...lunch, { type: 'agent.loggedOut' }).context.idleCode).toBeNull();
  });

  it('refuses an assertion it does not know with a clear error, rather than settle anywhere', () => {
    const unknown = agentEvent({ type: 'agent.unknown' } as never);
    expect(() => agentFactsAfter(initialAgentContext('a1'), unknown)).toThrow('unhandled agent assertion {"type":"agent.unknown"');
  });

  it('takes a first assertion of work as no gap: listening may start mid-shift', () => {
    const snapshot = given({ type: 'agent.work', taskId: 't1', work: 'engaged' });
    expect(snapshot.value).toBe('engaged');
    expect(snapshot.context.gapCount).toBe(0);
  });
});

describe('agent chart', () => {
  type Assertion = Parameters<typeof agentEvent>[0];
  /** An agent in each state as its facts put it there: available between tasks, task t1 its work. */
  const heard = { ...initialAgentContext('a1'), presence: 'available' as const, since: 500 };
  const AGENT_IN: Record<AgentState, AgentContext> = {
    loggedOut: { ...heard, presence: 'loggedOut' },
    idle: { ...heard, presence: 'idle', idleCode: { name: 'Lunch' } },
    available: heard,
    reserved: { ...heard, work: { t1: 'reserved' } },
    engaged: { ...heard, work: { t1: 'engaged' } },
    wrapup: { ...heard, work: { t1: 'wrapup' } },
  };
  const assert = (from: AgentState, assertion: Assertion, context = AGENT_IN[from]) => afterOne(agentMachine, from, context, agentEvent(assertion, { time: 1000 }));

  const loggedIn = (presence: 'idle' | 'available'): Assertion => ({ type: 'agent.loggedIn', presence });
  const presence = (to: 'idle' | 'available', endsWork = false): Assertion => ({ type: 'agent.presence', presence: to, endsWork });
  const work = (of: 'reserved' | 'engaged' | 'wrapup', taskId = 't1'): Assertion => ({ type: 'agent.work', taskId, work: of });
  const workEnded = (to?: 'idle'): Assertion => ({ type: 'agent.workEnded', taskId: 't1', ...(to ? { presence: to } : {}) });
  const loggedOut: Assertion = { type: 'agent.loggedOut' };

  /** Engaged on t1 while t2's offer rings. */
  const ringingBeside = { ...AGENT_IN.engaged, work: { t1: 'engaged', t2: 'reserved' } } satisfies AgentContext;
  // loggedOut → idle ⇄ available → reserved → engaged → wrapup → back; logged out from anywhere;
  // another task's work shows over a call ending or a wrap-up. Every step of AGENT_EDGES, in order.
  const NOMINAL: [string, Assertion, AgentContext?][] = [
    ['loggedOut --agent.loggedIn--> available', loggedIn('available')],
    ['loggedOut --agent.loggedIn--> idle', loggedIn('idle')],
    ['idle --agent.presence--> available', presence('available')],
    ['idle --agent.work--> reserved', work('reserved')],
    ['idle --agent.work--> engaged', work('engaged')],
    ['idle --agent.loggedOut--> loggedOut', loggedOut],
    ['available --agent.presence--> idle', presence('idle')],
    ['available --agent.work--> reserved', work('reserved')],
    ['available --agent.work--> engaged', work('engaged')],
    ['available --agent.loggedOut--> loggedOut', loggedOut],
    ['reserved --agent.work--> engaged', work('engaged')],
    ['reserved --agent.workEnded--> available', workEnded()],
    ['reserved --agent.workEnded--> idle', workEnded('idle')],
    ['reserved --agent.loggedOut--> loggedOut', loggedOut],
    ['engaged --agent.work--> wrapup', work('wrapup')],
    ['engaged --agent.work--> reserved', work('wrapup'), ringingBeside],
    ['engaged --agent.workEnded--> available', workEnded()],
    ['engaged --agent.workEnded--> idle', workEnded('idle')],
    ['engaged --agent.workEnded--> reserved', workEnded(), ringingBeside],
    ['engaged --agent.loggedOut--> loggedOut', loggedOut],
    ['wrapup --agent.work--> reserved', work('reserved', 't2')],
    ['wrapup --agent.work--> engaged', work('engaged', 't2')],
    ['wrapup --agent.workEnded--> available', workEnded()],
    ['wrapup --agent.workEnded--> idle', workEnded('idle')],
    ['wrapup --agent.loggedOut--> loggedOut', loggedOut],
  ];

  it('draws exactly the nominal edges, the assertion that stays, and the resync group', () => {
    expect(drawnEdges(agentMachine)).toEqual(NOMINAL.map(([edge]) => edge));
    expect(listedStays(agentMachine)).toEqual(['engaged: agent.work [settlesIn(state: engaged)]']);
    // Each assertion into wherever its facts can settle.
    expect(resyncGroup(agentMachine)).toEqual([
      'agent.loggedIn → idle | available',
      'agent.presence → idle | available | reserved | engaged | wrapup',
      'agent.work → reserved | engaged | wrapup',
      'agent.workEnded → loggedOut | idle | available | reserved | engaged | wrapup',
      'agent.loggedOut → loggedOut',
    ]);
  });

  it.each(NOMINAL)('%s without a gap', (edge, assertion, context) => {
    const [from, to] = edge.split(/ --.*--> /) as [AgentState, AgentState];
    const after = assert(from, assertion, context);
    expect(after.value).toBe(to);
    expect(after.context).toMatchObject({ gapCount: 0, since: 1000 });
  });

  it('stays engaged through the work of another task or a presence change mid-call', () => {
    for (const assertion of [work('engaged'), work('reserved', 't2'), work('wrapup', 't2'), presence('idle')]) {
      expect(assert('engaged', assertion).context).toMatchObject({ gapCount: 0, since: 500 });
      expect(assert('engaged', assertion).value).toBe('engaged');
    }
  });

  // The skips the lifecycle has no step for: work straight after a logout, a wrap-up with no call
  // seen. Anything else is legal (machines/agent.context.ts).
  const GAPS: Record<AgentState, AgentState[]> = {
    loggedOut: ['reserved', 'engaged', 'wrapup'],
    idle: ['wrapup'],
    available: ['wrapup'],
    reserved: ['wrapup'],
    engaged: [],
    wrapup: [],
  };
  const EVERY_ASSERTION = [
    loggedIn('idle'),
    loggedIn('available'),
    loggedOut,
    presence('idle'),
    presence('available', true),
    ...(['reserved', 'engaged', 'wrapup'] as const).flatMap((of) => [work(of), work(of, 't2')]),
    workEnded(),
    workEnded('idle'),
  ];

  it.each(AGENT_STATES)('takes every assertion from %s, with a gap where the lifecycle has no step', (from) => {
    const landings = new Set<string>();
    for (const assertion of EVERY_ASSERTION) {
      const after = assert(from, assertion);
      const to = after.value as AgentState;
      landings.add(to);
      expect({ assertion, gaps: after.context.gaps }).toEqual({
        assertion,
        gaps: GAPS[from].includes(to) ? [{ from, to, at: 1000, eventId: expect.any(String) }] : [],
      });
      // The first assertion heard about an agent is no gap: listening may start mid-shift.
      expect(assert(from, assertion, { ...AGENT_IN[from], since: null }).context.gapCount).toBe(0);
    }
    expect(landings.size).toBeGreaterThan(3);
  });

  it('records the gaps the lifecycle has no step for: work after a logout, a wrap-up with no call seen', () => {
    expect(assert('loggedOut', work('engaged')).context.gaps).toEqual([{ from: 'loggedOut', to: 'engaged', at: 1000, eventId: expect.any(String) }]);
    expect(assert('available', work('wrapup')).context.gapCount).toBe(1);
    // An offer not answered while another task is in wrap-up: from reserved straight to wrap-up.
    expect(assert('reserved', workEnded(), { ...AGENT_IN.reserved, work: { t1: 'reserved', t2: 'wrapup' } })).toMatchObject({ value: 'wrapup', context: { gapCount: 1 } });
  });
});
