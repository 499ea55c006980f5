// The checkpoint tracker: numbers checkpoints, holds what each took until the store
// confirms it, and from then on takes only the ledgers that changed and what left memory since.
import { describe, expect, it } from 'vitest';
import { CheckpointTracker } from '../../src/engine/checkpoints.js';
import { ENTITY_RULES } from '../../src/engine/entityMachines.js';
import type { FinishedEntity } from '../../src/engine/finished.js';
import { EntityLedger } from '../../src/ledger/entityLedger.js';
import { taskEvent } from '../support/canonical.js';

const meta = { version: 4, stats: {} as never, clocks: {} };
const ledger = () => new EntityLedger({ kind: 'task', id: 't1' }, ENTITY_RULES.task);
const left = { kind: 'task', id: 't9', source: 'webex', lastEventTime: 1, view: {} as never, ledgers: [{ kind: 'task', id: 't9' }] } satisfies FinishedEntity;
const ids = (checkpoint: { ledgers: { entity: { id: string } }[] }) => checkpoint.ledgers.map((saved) => saved.entity.id);

describe('checkpoint tracker', () => {
  it('numbers its checkpoints 1, 2, 3…; the first is full until one is confirmed, then only what changed goes', () => {
    const t1 = ledger();
    const tracker = new CheckpointTracker(false);
    const first = tracker.take(meta, [t1]);
    expect([first.serial, first.full, ids(first)]).toEqual([1, true, ['t1']]);
    const second = tracker.take(meta, [t1]);
    expect([second.serial, second.full]).toEqual([2, true]);
    tracker.confirm(2, true);
    expect(tracker.take(meta, [t1])).toMatchObject({ serial: 3, full: false, ledgers: [] });
  });

  it('given ledgers restored from the store, then the first checkpoint is not full and takes none of them unchanged', () => {
    const t1 = ledger();
    const tracker = new CheckpointTracker(true);
    tracker.restoredLedger(t1);
    expect(tracker.take(meta, [t1])).toMatchObject({ full: false, ledgers: [] });
  });

  it('when an older checkpoint is confirmed after a newer one, then it changes nothing (stores commit in order)', () => {
    const t1 = ledger();
    const tracker = new CheckpointTracker(false);
    tracker.take(meta, [t1]);
    t1.ingest(taskEvent({ type: 'task.new' }, { time: 5 }));
    tracker.take(meta, [t1]);
    tracker.confirm(2, true);
    tracker.confirm(1, true);
    expect(ids(tracker.take(meta, [t1]))).toEqual([]);
    expect(() => tracker.confirm(99, false)).not.toThrow();
  });

  it('sends what left memory with every checkpoint until one holding it is confirmed', () => {
    const tracker = new CheckpointTracker(false);
    tracker.leftMemory(left);
    expect(tracker.take(meta, []).finished).toEqual([left]);
    expect(tracker.take(meta, []).finished).toEqual([left]);
    tracker.confirm(2, true);
    expect(tracker.take(meta, []).finished).toEqual([]);
  });
});
