// DESIGN §4.7: an agent's events of one instant fold as a valid work lifecycle per task, from
// where the agent's work was before the instant; rank order where several orders are as good.
import { describe, expect, it } from 'vitest';
import { ENTITY_RULES } from '../../src/engine/entityMachines.js';
import type { AgentEvent } from '../../src/events/canonical.js';
import type { Work } from '../../src/events/states.js';
import { keyOf } from '../../src/ledger/eventKey.js';
import type { MachineSnapshot } from '../../src/ledger/ledgerFold.js';
import { agentEvent } from '../support/canonical.js';

const order = ENTITY_RULES.agent.sameInstantOrder!;
const before = (work: Record<string, Work> = {}) => ({ context: { work } }) as unknown as MachineSnapshot;

const offered = (taskId = 's', id?: string) => agentEvent({ type: 'agent.work', taskId, work: 'reserved' }, { id });
const accepted = (taskId = 's', id?: string) => agentEvent({ type: 'agent.work', taskId, work: 'engaged' }, { id });
const wrapping = (taskId = 's') => agentEvent({ type: 'agent.work', taskId, work: 'wrapup' });
const over = (taskId = 's', id?: string) => agentEvent({ type: 'agent.workEnded', taskId }, { id });

/** The instant's events in the order they fold, given in `arrived` order. */
function folds(arrived: AgentEvent[], work?: Record<string, Work>): AgentEvent[] {
  return order(arrived.map((event) => ({ event, key: keyOf(event) })), before(work)).map(({ event }) => event);
}

describe('the fold order of an agent’s instant', () => {
  it('is key order for tasks and channels: their rank is their lifecycle', () => {
    expect(ENTITY_RULES.task.sameInstantOrder).toBeUndefined();
    expect(ENTITY_RULES.channel.sameInstantOrder).toBeUndefined();
  });

  it('offers before a decline when there was no work: a decline cannot come first', () => {
    const [offer, decline] = [offered(), over()];
    expect(folds([decline, offer])).toEqual([offer, decline]);
  });

  it('offer, accept, release when there was no work', () => {
    const [offer, accept, release] = [offered(), accepted(), over()];
    expect(folds([release, accept, offer])).toEqual([offer, accept, release]);
  });

  it('release first when the agent was engaged: the next item follows', () => {
    const [release, offer, accept] = [over(), offered(), accepted()];
    expect(folds([accept, offer, release], { s: 'engaged' })).toEqual([release, offer, accept]);
  });

  it('wrap-up after the work, then the end', () => {
    const [accept, wrap, end] = [accepted(), wrapping(), over()];
    expect(folds([end, wrap, accept], { s: 'reserved' })).toEqual([accept, wrap, end]);
  });

  it('keeps rank order where several orders are as good', () => {
    const [end, offer] = [over(), offered()];
    // From reserved: decline then a new offer, or a repeated offer then the decline — one step off either way.
    expect(folds([offer, end], { s: 'reserved' })).toEqual([end, offer]);
  });

  it('orders each task on its own, in the places its events have', () => {
    // Key order: end a, offer a, offer b, accept a; task a takes places 1, 2 and 4.
    const [endA, offerA, offerB, acceptA] = [over('a', 'a1'), offered('a', 'a2'), offered('b', 'b1'), accepted('a', 'a3')];
    expect(folds([acceptA, offerB, offerA, endA])).toEqual([offerA, acceptA, offerB, endA]);
  });

  it('counts work as gone after a sign-in or sign-out in the same instant', () => {
    const signIn = agentEvent({ type: 'agent.loggedIn', presence: 'idle' });
    const [offer, accept] = [offered(), accepted()];
    // Engaged before, signed in again: the offer is the lifecycle's next step, not a step back.
    expect(folds([accept, signIn, offer], { s: 'engaged' })).toEqual([signIn, offer, accept]);
  });

  it('counts work as gone only for the task’s events after the sign-in, each later one from where the one before left it', () => {
    const signIn = agentEvent({ type: 'agent.loggedIn', presence: 'idle' });
    const [offer, end] = [offered(), over()];
    // Engaged before, signed in again, then offered and declined: the decline follows the offer.
    expect(folds([end, offer, signIn], { s: 'engaged' })).toEqual([signIn, offer, end]);
  });

  it('counts work as gone after a presence that ends all work (Webex), not after one that does not', () => {
    const presence = (endsWork: boolean) => agentEvent({ type: 'agent.presence', presence: 'available', endsWork });
    const [end, offer] = [over(), offered()];
    // Reserved before: cleared, the offer is the next step and the end follows it; not cleared, the end comes first.
    const clearing = presence(true);
    expect(folds([end, clearing, offer], { s: 'reserved' })).toEqual([clearing, offer, end]);
    const keeping = presence(false);
    expect(folds([offer, keeping, end], { s: 'reserved' })).toEqual([keeping, end, offer]);
  });

  it('folds one task’s events of an instant in key order past 32 of them: the search is bounded', () => {
    // Offers each declined at once: as a lifecycle, offer and decline alternate; in key order every decline comes first.
    const declined = (count: number) => Array.from({ length: count }, (_, index) => [offered('s', `o${index}`), over('s', `d${index}`)]).flat();
    const lastOf = (events: AgentEvent[]) => folds(events).at(-1)!.type;
    expect(lastOf(declined(16))).toBe('agent.workEnded');
    expect(lastOf([...declined(16), over('s', 'd16')])).toBe('agent.work');
  });

  it('leaves an instant with only one event of each task as it is', () => {
    const [offerA, endB] = [offered('a'), over('b')];
    expect(folds([offerA, endB], { b: 'engaged' })).toEqual([endB, offerA]);
  });
});
