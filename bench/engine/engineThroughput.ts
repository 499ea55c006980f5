// The engine's full ingest of a feed (parse, validate, dedupe, order, fold), then every view, as
// a webhook receiver at `POST /webhooks/webex` would hand the bodies over (raw text, source named).
import type { TimedDelivery } from '../../examples/disorder.js';
import { createEngine, type Engine } from '../../src/index.js';
import type { IngestStatus } from '../../src/engine/outcome.js';

export interface EngineRun {
  engine: Engine;
  outcomes: Record<IngestStatus, number>;
}

/** `patchSubscriber`: someone listens to the state document's patches, so it is revised delivery by delivery. */
export function ingestFeed(feed: readonly TimedDelivery[], options: { patchSubscriber?: boolean } = {}): EngineRun {
  const engine = createEngine();
  if (options.patchSubscriber) engine.subscribePatches(() => undefined);
  for (const { line } of feed) engine.ingest({ source: 'webex', body: line });
  // The views are derived on demand; reading them all is part of the cost of the state.
  engine.agents();
  engine.tasks();
  return { engine, outcomes: engine.stats().outcomes };
}

/** Fails the benchmark when a run did something other than what the feed asks for. */
export function checkOutcomes(name: string, outcomes: Record<IngestStatus, number>, expectDisorder: boolean): void {
  const wrong = outcomes.rejected + outcomes.conflict + outcomes.late + outcomes.ignored;
  if (wrong > 0) throw new Error(`${name}: unexpected outcomes ${JSON.stringify(outcomes)}`);
  if (expectDisorder && (outcomes.duplicate === 0 || outcomes.reordered === 0)) {
    throw new Error(`${name}: the disordered feed produced no duplicates or reorders ${JSON.stringify(outcomes)}`);
  }
}
