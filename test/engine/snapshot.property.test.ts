// Snapshot at any point + restore + continue = uninterrupted ingestion: the same views, and the
// same outcome for every delivery after the cut (a redelivery, long after, of an event compacted
// before the snapshot is still a duplicate after it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { arrivalsWithinHorizon, withRedeliveries } from '../support/arrivals.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { deliveryOf, expectSameViews } from '../support/views.js';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';

describe('engine snapshot and restore', () => {
  it('continues after a restore exactly as if never interrupted, duplicates across the cut included', () => {
    const scenario = fc
      .tuple(feedPlan().map(renderFeed), fc.oneof(fc.integer({ min: 5, max: 100 }), fc.integer({ min: 5, max: 1_000_000 })))
      .chain(([feed, horizonMs]) =>
        arrivalsWithinHorizon(feed, horizonMs)
          .chain(({ arrivals }) => withRedeliveries(arrivals))
          .chain((arrivals) => fc.tuple(fc.constant(arrivals), fc.nat(arrivals.length), fc.constant(horizonMs))),
      );
    fc.assert(
      fc.property(scenario, ([arrivals, cut, horizonMs]) => {
        const options = { horizonMs };
        const uninterrupted = createEngine(options);
        const statuses = arrivals.map((delivery) => uninterrupted.ingest(deliveryOf(delivery)).status);
        const first = createEngine(options);
        for (const delivery of arrivals.slice(0, cut)) first.ingest(deliveryOf(delivery));
        const restored = createEngine({ ...options, snapshot: JSON.parse(JSON.stringify(first.snapshot())) });
        expect(arrivals.slice(cut).map((delivery) => restored.ingest(deliveryOf(delivery)).status)).toEqual(statuses.slice(cut));
        expectSameViews(restored, uninterrupted);
        expectSameViews(createEngine({ ...options, snapshot: restored.snapshot() }), uninterrupted);
      }),
      { numRuns: propertyRuns(200) },
    );
  }, 300_000);
});
