// The fold timeline keeps a snapshot (a waypoint) only every few steps: whatever the arrival order,
// compaction and the reads between, its current snapshot, the states it reports and its base equal
// a fold of the steps in key order from scratch (the independent expectation); between two
// waypoints no step holds a snapshot, and compacting one step at a time folds no step twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { compareKeys, type EventKey } from '../../src/ledger/eventKey.js';
import { FoldTimeline } from '../../src/ledger/foldTimeline.js';
import type { LedgerFold, LedgerStep, MachineSnapshot } from '../../src/ledger/ledgerFold.js';

/** A fold whose snapshot is the list of the ids folded, so any step folded twice, lost or misplaced shows. */
const idsFold: LedgerFold = {
  initial: () => ({ context: { ids: [] as string[] } }) as unknown as MachineSnapshot,
  evolve: (snapshot, step) => ({ context: { ids: [...(snapshot.context as { ids: string[] }).ids, idOf(step)] } }) as unknown as MachineSnapshot,
  note: () => {},
  persist: (snapshot) => snapshot,
  restore: (persisted) => persisted as MachineSnapshot,
  inspector: undefined,
};
const NOTHING_FOLDED = idsFold.initial({ kind: 'task', id: 't1' });
const idOf = (step: LedgerStep) => (step.kind === 'event' ? step.event.id : 'reconcile');
const idsOf = (snapshot: MachineSnapshot) => (snapshot.context as { ids: string[] }).ids;

const stepOf = (key: EventKey): LedgerStep => ({ kind: 'event', event: { id: key.id, time: key.time } as CanonicalEvent });

type Action = { kind: 'place'; time: number } | { kind: 'compact' } | { kind: 'read'; from: number };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 60 }).map((time) => ({ kind: 'place' as const, time })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map((from) => ({ kind: 'read' as const, from })) },
);

describe('the fold timeline with waypoints', () => {
  it('given steps in any order with compactions and reads between, then every snapshot equals a fold in key order', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const timeline = new FoldTimeline(idsFold, NOTHING_FOLDED);
        let held: EventKey[] = [];
        let compacted: EventKey[] = [];
        actions.forEach((next, index) => {
          if (next.kind === 'place') {
            const key = { time: next.time, rank: 0, id: `e${String(index).padStart(3, '0')}` };
            if (timeline.isAtOrBeforeBase(key)) return;
            timeline.place(stepOf(key), key, 0);
            held = [...held, key].sort(compareKeys);
          } else if (next.kind === 'compact') {
            const before = held[Math.floor(held.length / 2)]?.time ?? 0;
            timeline.compactBefore(before);
            compacted = [...compacted, ...held.filter((key) => key.time < before)];
            held = held.filter((key) => key.time >= before);
          } else {
            const expected = held.map((key, position) => ({ time: key.time, ids: [...compacted, ...held.slice(0, position + 1)].map(({ id }) => id) }));
            const states = timeline.statesFrom(next.from).map(({ time, after }) => ({ time, ids: idsOf(after) }));
            expect(states).toEqual(expected.filter(({ time }) => time >= next.from));
            // Read only here: reading the base folds in the steps a compaction left to fold.
            expect(idsOf(timeline.base)).toEqual(compacted.map(({ id }) => id));
          }
          expect(idsOf(timeline.current)).toEqual([...compacted, ...held].map(({ id }) => id));
        });
      }),
      { numRuns: 400 },
    );
  });

  it('given 20 steps in order, then only every eighth keeps its snapshot; a late step refolds the rest on the same spacing', () => {
    const timeline = new FoldTimeline(idsFold, NOTHING_FOLDED);
    const place = (time: number) => timeline.place(stepOf({ time, rank: 0, id: `e${time}` }), { time, rank: 0, id: `e${time}` }, 0);
    const kept = () => (timeline as unknown as { entries: { after?: MachineSnapshot }[] }).entries.flatMap((entry, index) => (entry.after ? [index] : []));
    for (let step = 0; step < 20; step++) place(step * 10);
    expect(kept()).toEqual([7, 15]);
    expect(place(105)).toBe('reordered');
    expect(kept()).toEqual([7, 15]);
  });

  it('given steps compacted one at a time, then no step is folded twice until the base is read', () => {
    let folded = 0;
    const counting: LedgerFold = {
      ...idsFold,
      evolve: (snapshot, step) => {
        folded++;
        return idsFold.evolve(snapshot, step);
      },
    };
    const timeline = new FoldTimeline(counting, NOTHING_FOLDED);
    for (let time = 0; time < 20; time++) {
      timeline.place(stepOf({ time, rank: 0, id: `e${time}` }), { time, rank: 0, id: `e${time}` }, 0);
      timeline.compactBefore(time - 5);
    }
    expect(folded).toBe(20);
    expect(idsOf(timeline.base)).toEqual(Array.from({ length: 14 }, (_, time) => `e${time}`));
  });
});
