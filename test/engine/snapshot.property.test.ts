// Snapshot at any point + restore + continue = uninterrupted ingestion.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { expectSameViews, ingestAll } from '../support/views.js';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';

describe('engine snapshot and restore', () => {
  it('continues after a restore exactly as if never interrupted', () => {
    const scenario = feedPlan().chain((plan) => {
      const feed = renderFeed(plan);
      return fc.tuple(fc.constant(feed), fc.shuffledSubarray(feed, { minLength: feed.length }), fc.nat(feed.length), fc.integer({ min: 5, max: 1_000_000 }));
    });
    fc.assert(
      fc.property(scenario, ([, arrivals, cut, horizonMs]) => {
        const options = { horizonMs };
        const uninterrupted = ingestAll(arrivals, options);
        const first = ingestAll(arrivals.slice(0, cut), options);
        const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
        const restored = createEngine({ ...options, snapshot });
        for (const delivery of arrivals.slice(cut)) restored.ingest({ body: delivery.line });
        expectSameViews(restored, uninterrupted);
        expectSameViews(createEngine({ ...options, snapshot: restored.snapshot() }), uninterrupted);
      }),
      { numRuns: propertyRuns(200) },
    );
  }, 300_000);
});
