// The state document under generated Webex feeds in any arrival order: revised delivery by
// delivery (and read at random moments, or only at the end), it equals the views built once from
// scratch, and a mirror applying its patches with immer's applyPatches equals it after every set.
import fc from 'fast-check';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { PatchSet } from '../../src/engine/liveDocument.js';
import { createEngine } from '../../src/index.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { deliveryOf } from '../support/views.js';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';

enablePatches();

const withoutRevision = ({ agents, tasks }: { agents: object; tasks: object }) => ({ agents, tasks });

const arrivals = feedPlan({ maxAgents: 3, maxTasks: 4 })
  .map(renderFeed)
  .chain((feed) => fc.tuple(fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(fc.boolean(), { minLength: feed.length, maxLength: feed.length })));

describe('the state document under any arrival order', () => {
  it('equals the views built from scratch, read or not along the way, and its patches rebuild it', () => {
    fc.assert(
      fc.property(arrivals, ([deliveries, readAfter]) => {
        const patched = createEngine();
        const sets: PatchSet[] = [];
        let mirror: object = patched.state();
        patched.subscribePatches((set) => {
          sets.push(set);
          mirror = { ...applyPatches(mirror, set.patches), revision: set.revision };
        });
        const readAtRandom = createEngine();
        const revisions: number[] = [];
        deliveries.forEach((delivery, index) => {
          patched.ingest(deliveryOf(delivery));
          // JSON first: fast enough for hundreds of runs; toEqual for a readable failure.
          if (JSON.stringify(mirror) !== JSON.stringify(patched.state())) expect(mirror).toEqual(patched.state());
          readAtRandom.ingest(deliveryOf(delivery));
          if (readAfter[index]) revisions.push(readAtRandom.state().revision);
        });
        const fromScratch = createEngine();
        for (const delivery of deliveries) fromScratch.ingest(deliveryOf(delivery));
        const expected = withoutRevision(fromScratch.state());

        // As JSON text: the same keys in the same order, as a replay prints them.
        expect(JSON.stringify(withoutRevision(patched.state()))).toBe(JSON.stringify(expected));
        expect(JSON.stringify(withoutRevision(readAtRandom.state()))).toBe(JSON.stringify(expected));
        expect(sets.map((set) => set.revision)).toEqual(sets.map((_set, index) => index + 1));
        expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
        expect(fromScratch.state().revision).toBe(deliveries.length > 0 ? 1 : 0);
      }),
      { numRuns: propertyRuns(200) },
    );
  }, 120_000);
});
