// DESIGN §4: events of one instant fold in lifecycle order. The task's and the channel's ranks are
// written by hand in src/ledger/lifecycleRank.ts (the generic ledger does not read machines/);
// here they are held to the lifecycle tables: the table's steps the rank order takes backwards
// must be exactly the lifecycle's returns, besides the named exceptions.
import { describe, expect, it } from 'vitest';
import { CHANNEL_LIFECYCLE } from '../../machines/channel.context.js';
import type { Lifecycle } from '../../machines/gaps.js';
import { TASK_LIFECYCLE } from '../../machines/task.context.js';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { lifecycleRank } from '../../src/ledger/lifecycleRank.js';
import { channelEvent, taskEvent } from '../support/canonical.js';

/** The steps of `lifecycle` the rank order does not take forwards (to a lower or an equal rank), as `from → to`, sorted. */
function stepsBackwards<S extends string>(lifecycle: Lifecycle<S>, eventOf: (state: S) => CanonicalEvent): string[] {
  const rank = (state: S) => lifecycleRank(eventOf(state));
  return (Object.keys(lifecycle) as S[])
    .flatMap((from) => lifecycle[from].filter((to) => rank(to) <= rank(from)).map((to) => `${from} → ${to}`))
    .sort();
}

describe('the task’s ranks follow TASK_LIFECYCLE', () => {
  /** The steps back to an earlier stage of a task's life. */
  const RETURNS = [
    // Not answered (RONA).
    'offered → queued',
    'held → connected',
    // A consult ends: back on hold, back on the call, or the consulted agent's offer.
    'consulting → held',
    'consulting → connected',
    'consulting → offered',
    'conferencing → connected',
    'conferencing → held',
    'suspended → connected',
    // A chat re-opened.
    'ended → queued',
    'ended → offered',
    'ended → connected',
  ];

  it('given the table and the ranks, then the steps taken backwards are its returns, except that held ranks before connected', () => {
    const expected = [...RETURNS.filter((step) => step !== 'held → connected'), 'connected → held'].sort();
    expect(stepsBackwards(TASK_LIFECYCLE, (state) => taskEvent({ type: `task.${state}` } as Parameters<typeof taskEvent>[0]))).toEqual(expected);
  });

  it('ranks attribute updates after every state asserted at the same instant', () => {
    const updated = lifecycleRank(taskEvent({ type: 'task.updated' }));
    for (const state of Object.keys(TASK_LIFECYCLE)) {
      expect(lifecycleRank(taskEvent({ type: `task.${state}` } as Parameters<typeof taskEvent>[0]))).toBeLessThan(updated);
    }
  });
});

describe('the channel’s ranks follow CHANNEL_LIFECYCLE', () => {
  /** The steps back: to a presence (idle, available) from later, and to new work from another channel's or a wrap-up. */
  const RETURNS = [
    'available → idle',
    'reserved → available',
    'reserved → idle',
    'engaged → available',
    'engaged → idle',
    'engagedOther → available',
    'engagedOther → idle',
    'wrapup → available',
    'wrapup → idle',
    'engagedOther → reserved',
    'engagedOther → engaged',
    'wrapup → reserved',
    'wrapup → engaged',
    'wrapup → engagedOther',
  ];

  it('given the table and the ranks, then the steps taken backwards are its returns, except that a logout ranks last (after every state of its instant)', () => {
    const expected = [...RETURNS, 'loggedOut → idle', 'loggedOut → available'].sort();
    expect(stepsBackwards(CHANNEL_LIFECYCLE, (state) => channelEvent({ type: `channel.${state}` }))).toEqual(expected);
  });
});
