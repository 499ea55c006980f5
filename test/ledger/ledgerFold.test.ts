// The fold of one entity's steps (emmett's evolve): an event through the machine, a reconcile as
// the authority's state, and anything else refused loudly, never folded as nothing.
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import { taskMachine } from '../../machines/task.machine.js';
import { authoritativeSnapshot } from '../../src/engine/entityMachines.js';
import type { EntityInspector } from '../../src/inspect/inspection.js';
import { ledgerFold, type LedgerStep } from '../../src/ledger/ledgerFold.js';
import { taskEvent } from '../support/canonical.js';

const fold = ledgerFold(taskMachine);
const t1 = { kind: 'task', id: 't1' } as const;

describe('ledger fold', () => {
  it('given an event, then folds it through the machine; given a reconcile, then its state is the authority', () => {
    const queued = fold.evolve(fold.initial(t1), { kind: 'event', event: taskEvent({ type: 'task.queued' }, { time: 5 }) });
    expect(queued.value).toBe('queued');
    const authority = authoritativeSnapshot('t1', { kind: 'task', state: 'held' }, 9);
    expect(fold.evolve(queued, { kind: 'reconcile', authority, asOf: 9, reason: 'vendor API' })).toBe(authority);
  });

  it('given a step of no known kind, then it throws, naming the step', () => {
    const unknown = { kind: 'rewind', to: 5 } as unknown as LedgerStep;
    expect(() => fold.evolve(fold.initial(t1), unknown)).toThrow('unhandled ledger step {"kind":"rewind","to":5}');
  });
});

describe('ledger folds per machine', () => {
  it('given entities of one machine and no inspector, then they share one fold, which starts each from its own id', () => {
    expect(ledgerFold(taskMachine)).toBe(fold);
    expect(ledgerFold(agentMachine)).not.toBe(fold);
    expect(ledgerFold(agentMachine)).toBe(ledgerFold(agentMachine));
    const t2 = { kind: 'task', id: 't2' } as const;
    expect([fold.initial(t1).context.taskId, fold.initial(t2).context.taskId]).toEqual(['t1', 't2']);
  });

  it('given an inspector, then the entity gets a fold of its own, which tells that inspector', () => {
    const folded: unknown[] = [];
    const inspector = { folded: (event: unknown) => folded.push(event), noted: () => {} } as unknown as EntityInspector;
    const inspected = ledgerFold(taskMachine, inspector);
    expect(inspected).not.toBe(fold);
    expect(inspected.inspector).toBe(inspector);
    const event = taskEvent({ type: 'task.queued' }, { time: 5 });
    inspected.evolve(inspected.initial(t1), { kind: 'event', event });
    fold.evolve(fold.initial(t1), { kind: 'event', event });
    expect(folded).toEqual([event]);
  });
});
