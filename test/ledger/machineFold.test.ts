// The pure fold a ledger uses instead of an actor per entity: the same snapshots an actor reaches,
// and a loud refusal of any action that would need executing.
import { createActor, createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import { taskMachine } from '../../machines/task.machine.js';
import { machineFold } from '../../src/ledger/machineFold.js';
import { agentEvent, taskEvent } from '../support/canonical.js';

const taskLifecycle = [
  taskEvent({ type: 'task.new' }),
  taskEvent({ type: 'task.offered', agentJoined: 'a1' }),
  taskEvent({ type: 'task.connected', agentJoined: 'a1' }),
  taskEvent({ type: 'task.held' }),
  taskEvent({ type: 'task.ended' }),
  taskEvent({ type: 'task.wrapup', agentLeft: 'a1' }),
];

describe('machine fold', () => {
  it('given a task lifecycle, when folded, then every snapshot equals the one a long-lived actor reaches', () => {
    const fold = machineFold(taskMachine);
    const actor = createActor(taskMachine, { input: { id: 't1' } }).start();
    let snapshot = fold.initial({ kind: 'task', id: 't1' });
    expect(snapshot.context).toEqual(actor.getSnapshot().context);
    for (const event of taskLifecycle) {
      snapshot = fold.next(snapshot, event);
      actor.send(event);
      expect({ value: snapshot.value, context: snapshot.context }).toEqual({ value: actor.getSnapshot().value, context: actor.getSnapshot().context });
    }
    expect(snapshot.value).toBe('wrapup');
  });

  it('given a persisted snapshot, when restored, then folding continues from it', () => {
    const fold = machineFold(agentMachine);
    const loggedIn = fold.next(fold.initial({ kind: 'agent', id: 'a1' }), agentEvent({ type: 'agent.loggedIn', presence: 'available' }, { time: 1 }));
    const restored = fold.restore(JSON.parse(JSON.stringify(agentMachine.getPersistedSnapshot(loggedIn))));
    expect(restored.value).toBe('available');
    expect(fold.next(restored, agentEvent({ type: 'agent.presence', presence: 'idle', endsWork: false }, { time: 2 })).value).toBe('idle');
  });

  it('is made once per machine: every ledger of a kind shares it', () => {
    expect(machineFold(taskMachine)).toBe(machineFold(taskMachine));
    expect(machineFold(agentMachine)).not.toBe(machineFold(taskMachine));
  });

  it('refuses a machine action that would need executing, instead of dropping it', () => {
    const impure = createMachine({ initial: 'a', states: { a: { on: { go: { target: 'b', actions: () => {} } } }, b: {} } });
    const fold = machineFold(impure);
    expect(() => fold.next(fold.initial({ kind: 'task', id: 'x' }), { type: 'go' } as never)).toThrow(/may only assign/);
  });
});
