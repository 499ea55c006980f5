// The per-entity ledger against DESIGN §4: idempotent, convergent, incremental, bounded, reconcilable.
import { describe, expect, it } from 'vitest';
import { taskMachine } from '../../machines/task.machine.js';
import { authoritativeSnapshot, ENTITY_RULES } from '../../src/engine/entityMachines.js';
import { EntityLedger, type Reconciliation } from '../../src/ledger/entityLedger.js';
import { givenTaskLedger } from '../support/givenWhen.js';
import { agentEvent, taskEvent, taskLifecycle } from '../support/canonical.js';
import { permutations } from '../support/permutations.js';

const ledger = () => new EntityLedger({ kind: 'task', id: 't1' }, ENTITY_RULES.task);
const stateOf = (subject: EntityLedger) => subject.current.value;

const lifecycle = taskLifecycle();

const given = givenTaskLedger;

describe('entity ledger', () => {
  it('applies in-order events', () => {
    const subject = ledger();
    expect(lifecycle.map((event) => subject.ingest(event))).toEqual(Array(lifecycle.length).fill('applied'));
    expect(stateOf(subject)).toBe('ended');
  });

  it('is idempotent: the same event twice is a duplicate and changes nothing', () => {
    const subject = given(lifecycle);
    const before = subject.current;
    expect(subject.ingest(lifecycle[2]!)).toBe('duplicate');
    expect(subject.current).toBe(before);
  });

  it('reports a conflict for the same id with other content, and keeps the first', () => {
    const subject = given(lifecycle.slice(0, 2));
    expect(subject.ingest(taskEvent({ type: 'task.ended' }, { id: 'q', time: 200 }))).toBe('conflict');
    expect(stateOf(subject)).toBe('queued');
  });

  it('refolds a late event into place: the state equals the in-order fold', () => {
    const inOrder = given(lifecycle);
    const subject = given([...lifecycle.slice(0, 3), ...lifecycle.slice(4)]);
    expect(subject.ingest(lifecycle[3]!)).toBe('reordered');
    expect(subject.current.value).toBe(inOrder.current.value);
    expect(subject.current.context).toEqual(inOrder.current.context);
  });

  it('breaks same-millisecond ties in lifecycle order, whatever the arrival order', () => {
    // The ids sort against the lifecycle: by id alone, this would fold wrapup, ended, connected.
    const connected = taskEvent({ type: 'task.connected' }, { id: 'zzz', time: 5 });
    const ended = taskEvent({ type: 'task.ended' }, { id: 'mmm', time: 5 });
    const wrapup = taskEvent({ type: 'task.wrapup' }, { id: 'aaa', time: 5 });
    expect(stateOf(given([wrapup, ended, connected]))).toBe('wrapup');
    expect(stateOf(given([connected, ended, wrapup]))).toBe('wrapup');
  });

  it('breaks a tie of time and lifecycle rank by event id, in every arrival order', () => {
    // Queue assignments in one millisecond: the greatest id folds last, so its queue stays.
    const queued = ['a', 'b', 'c'].map((id) => taskEvent({ type: 'task.queued', attributes: { queueId: `q-${id}` } }, { id, time: 5 }));
    const queueOf = (subject: EntityLedger) => (subject.current.context as { attributes: { queueId?: string } }).attributes.queueId;
    expect(new Set(permutations(queued).map((arrivals) => queueOf(given(arrivals))))).toEqual(new Set(['q-c']));
  });

  it('after compacting an instant, places an event of that instant that keys after all of it, and keeps one keyed among it as late', () => {
    const queued = (id: string) => taskEvent({ type: 'task.queued', attributes: { queueId: `q-${id}` } }, { id, time: 5 });
    const subject = given([queued('a'), queued('c')]);
    subject.compact(6, 0);
    expect(subject.ingest(queued('b'))).toBe('late');
    expect(subject.ingest(queued('d'))).toBe('applied');
    expect((subject.current.context as { attributes: { queueId?: string } }).attributes.queueId).toBe('q-d');
  });

  it('compacts events older than the horizon into the base and still recognises their redelivery', () => {
    const subject = given(lifecycle);
    subject.compact(450, 0);
    expect(subject.size).toBe(3);
    expect(stateOf(subject)).toBe('ended');
    expect(subject.ingest(lifecycle[0]!)).toBe('duplicate');
    expect(subject.ingest(taskEvent({ type: 'task.ended' }, { id: 'n', time: 100 }))).toBe('conflict');
  });

  it('counts a change (its revision, what a checkpoint writes) when compaction moves events or forgets ids, and only then', () => {
    const subject = given(lifecycle);
    const revisionAfter = (before: number, dedupeBefore: number) => {
      subject.compact(before, dedupeBefore);
      return subject.revision;
    };
    const start = subject.revision;
    expect(revisionAfter(50, 0)).toBe(start);
    const compacted = revisionAfter(450, 0);
    expect(compacted).toBeGreaterThan(start);
    expect(revisionAfter(450, 0)).toBe(compacted);
    expect(revisionAfter(450, 350)).toBeGreaterThan(compacted);
  });

  it('compacts only what is strictly older than the boundary: an event at the boundary stays placeable', () => {
    const subject = given(lifecycle);
    subject.compact(400, 0);
    expect(subject.size).toBe(4);
    expect(subject.oldestTime).toBe(400);
  });

  it('keeps an event older than the base as late, marks the entity, and never rewinds past the base', () => {
    const subject = given(lifecycle);
    subject.compact(650, 0);
    const late = taskEvent({ type: 'task.consulting' }, { id: 'late', time: 450 });
    expect(subject.ingest(late)).toBe('late');
    expect(stateOf(subject)).toBe('ended');
    expect(subject.late).toEqual([late]);
    expect(subject.needsReconciliation).toBe(true);
    expect(subject.ingest(late)).toBe('duplicate');
  });

  it('places events after the base exactly once the base exists', () => {
    const subject = given(lifecycle.slice(0, 5));
    subject.compact(350, 0);
    expect(subject.ingest(lifecycle[6]!)).toBe('applied');
    expect(subject.ingest(lifecycle[5]!)).toBe('reordered');
    expect(subject.current.context).toEqual(given(lifecycle).current.context);
  });

  it('forgets compacted ids after the dedupe window', () => {
    const subject = given(lifecycle);
    subject.compact(450, 350);
    expect(subject.ingest(lifecycle[0]!)).toBe('late');
    expect(subject.ingest(lifecycle[3]!)).toBe('duplicate');
  });

  it('never folds the base event twice, even when its id has left the dedupe window', () => {
    const subject = given(lifecycle);
    subject.compact(450, 450);
    const before = subject.current;
    expect(subject.ingest(lifecycle[3]!)).toBe('late');
    expect(subject.current).toBe(before);
  });

  it('reconciles: an authoritative state at T absorbs earlier events, later ones are refolded on top', () => {
    const subject = given(lifecycle.slice(0, 2));
    subject.compact(250, 0);
    subject.ingest(taskEvent({ type: 'task.offered' }, { id: 'ancient', time: 50 }));
    expect(subject.needsReconciliation).toBe(true);
    subject.ingest(lifecycle[4]!);
    const authority = taskMachine.resolveState({ value: 'connected', context: { ...subject.current.context, since: 450 } });
    subject.reconcile({ authority, asOf: 450, reason: 'vendor API' });
    expect(subject.needsReconciliation).toBe(false);
    expect(subject.late).toEqual([]);
    expect(stateOf(subject)).toBe('held');
    // Placed before the reconcile, which absorbs it; older than the base, absorbed all the same.
    expect(subject.ingest(lifecycle[3]!)).toBe('reordered');
    expect(subject.ingest(taskEvent({ type: 'task.ended' }, { id: 'older', time: 150 }))).toBe('late');
    expect(stateOf(subject)).toBe('held');
    expect(subject.needsReconciliation).toBe(false);
  });

  it('rebuilds from a full history, placing what was late exactly', () => {
    const subject = given(lifecycle.slice(2));
    subject.compact(650, 0);
    subject.ingest(lifecycle[0]!);
    subject.rebuild(lifecycle, []);
    expect(subject.current.context).toEqual(given(lifecycle).current.context);
    expect(subject.needsReconciliation).toBe(false);
  });

  it('given nothing yet, then it has no newest time; given only a base, then the time of the base is its newest', () => {
    const subject = ledger();
    expect(subject.newestTime).toBeUndefined();
    subject.ingest(lifecycle[0]!);
    subject.compact(1_000, 0);
    expect(subject.size).toBe(0);
    expect(subject.newestTime).toBe(100);
  });

  it('given events of one instant arriving in fold order, then each is applied; arriving against it, then reordered', () => {
    // An agent's instant takes its fold order from the tie rule (sameInstantOrder.ts): same rank, by id here.
    const subject = new EntityLedger({ kind: 'agent', id: 'a1' }, ENTITY_RULES.agent);
    const presence = (id: string) => agentEvent({ type: 'agent.presence', presence: 'idle', endsWork: false, idleCode: { id } }, { id, time: 5 });
    expect(['a', 'b', 'c'].map((id) => subject.ingest(presence(id)))).toEqual(['applied', 'applied', 'applied']);
    expect(subject.ingest(presence('bb'))).toBe('reordered');
    expect(subject.ingest(presence('d'))).toBe('applied');
    expect((subject.current.context as { idleCode: { id: string } }).idleCode.id).toBe('d');
  });

  it('moves its revision forward with every change: a first event, a compaction, a reconcile, a rebuild', () => {
    const subject = ledger();
    const moves = (change: () => void) => {
      const before = subject.revision;
      change();
      return subject.revision > before;
    };
    const authority: Reconciliation = { authority: authoritativeSnapshot('t1', { kind: 'task', state: 'held' }, 550), asOf: 550, reason: 'vendor API' };
    expect(moves(() => subject.ingest(lifecycle[0]!))).toBe(true);
    expect(moves(() => subject.ingest(lifecycle[1]!))).toBe(true);
    expect(moves(() => subject.compact(150, 0))).toBe(true);
    expect(moves(() => subject.reconcile(authority))).toBe(true);
    expect(moves(() => subject.rebuild(lifecycle, []))).toBe(true);
  });

  it('rebuilds on a floor: its base and kept events continue where the pruned history left off', () => {
    const original = given(lifecycle);
    original.compact(450, 0);
    const floor = JSON.parse(JSON.stringify(original.toSnapshot()));
    const subject = ledger();
    subject.rebuild(floor.entries, [], floor);
    expect(subject.current.value).toBe('ended');
    expect(subject.current.context).toEqual(given(lifecycle).current.context);
    expect(subject.ingest(lifecycle[1]!)).toBe('duplicate');
  });

  it('rebuilds on a floor with a reconcile older than it: the reconcile cannot be placed, the entity is one to reconcile again', () => {
    const original = given(lifecycle);
    original.compact(450, 0);
    const floor = JSON.parse(JSON.stringify(original.toSnapshot()));
    const subject = ledger();
    const tooOld: Reconciliation = { authority: authoritativeSnapshot('t1', { kind: 'task', state: 'held' }, 250), asOf: 250, reason: 'vendor API' };
    subject.rebuild(floor.entries, [tooOld], floor);
    expect(subject.needsReconciliation).toBe(true);
    expect(subject.current.context).toEqual(given(lifecycle).current.context);
  });

  it('rebuilding, lets any other error in a reconcile through (a bug is not taken for a refusal)', () => {
    const broken = {
      get authority(): never {
        throw new TypeError('a broken authority');
      },
      asOf: 250,
      reason: 'vendor API',
    } as Reconciliation;
    expect(() => ledger().rebuild(lifecycle, [broken])).toThrow('a broken authority');
  });

  it('round-trips through its snapshot, compacted ids and late events included', () => {
    const subject = given(lifecycle.slice(0, 6));
    subject.compact(350, 0);
    subject.ingest(taskEvent({ type: 'task.queued' }, { id: 'old', time: 10 }));
    const restored = EntityLedger.fromSnapshot(JSON.parse(JSON.stringify(subject.toSnapshot())), ENTITY_RULES.task);
    expect(restored.current.value).toBe(subject.current.value);
    expect(restored.current.context).toEqual(subject.current.context);
    expect(restored.ingest(lifecycle[0]!)).toBe('duplicate');
    expect(restored.late).toHaveLength(1);
    expect(restored.ingest(lifecycle[6]!)).toBe('applied');
    expect(subject.ingest(lifecycle[6]!)).toBe('applied');
    expect(restored.current.context).toEqual(subject.current.context);
  });
});
