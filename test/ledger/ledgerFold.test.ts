// The fold of one entity's steps (emmett's evolve): an event through the machine, a reconcile as
// the authority's state, and anything else refused loudly, never folded as nothing.
import { describe, expect, it } from 'vitest';
import { taskMachine } from '../../machines/task.machine.js';
import { authoritativeSnapshot } from '../../src/engine/entityMachines.js';
import { ledgerFold, type LedgerStep } from '../../src/ledger/ledgerFold.js';
import { taskEvent } from '../support/canonical.js';

const fold = ledgerFold(taskMachine, { kind: 'task', id: 't1' });

describe('ledger fold', () => {
  it('given an event, then folds it through the machine; given a reconcile, then its state is the authority', () => {
    const queued = fold.evolve(fold.initial(), { kind: 'event', event: taskEvent({ type: 'task.queued' }, { time: 5 }) });
    expect(queued.value).toBe('queued');
    const authority = authoritativeSnapshot('t1', { kind: 'task', state: 'held' }, 9);
    expect(fold.evolve(queued, { kind: 'reconcile', authority, asOf: 9, reason: 'vendor API' })).toBe(authority);
  });

  it('given a step of no known kind, then it throws, naming the step', () => {
    const unknown = { kind: 'rewind', to: 5 } as unknown as LedgerStep;
    expect(() => fold.evolve(fold.initial(), unknown)).toThrow('unhandled ledger step {"kind":"rewind","to":5}');
  });
});
