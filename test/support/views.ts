// Helpers shared by the engine specs: feed deliveries to an engine and compare every view.
import { expect } from 'vitest';
import type { TimedDelivery } from '../../examples/disorder.js';
import { createEngine, type Engine, type EngineOptions } from '../../src/index.js';
import { deliveryFromLine } from '../../src/sources/ndjsonLine.js';

/** A feed line as `replay` reads it: a raw body, or `{"source","headers","body"}`. */
export const deliveryOf = (delivery: TimedDelivery) => deliveryFromLine(delivery.line, 'auto');

export function ingestAll(deliveries: readonly TimedDelivery[], options: EngineOptions = {}): Engine {
  const engine = createEngine(options);
  for (const delivery of deliveries) engine.ingest(deliveryOf(delivery));
  return engine;
}

export const allViews = (engine: Engine) => ({ agents: engine.agents(), tasks: engine.tasks() });

/**
 * Asserts that two engines serve the same views. Compares JSON first (fast enough for ten
 * thousand property runs) and falls back to a structural diff for a readable failure.
 */
export function expectSameViews(actual: Engine, expected: Engine): void {
  const actualViews = allViews(actual);
  const expectedViews = allViews(expected);
  if (JSON.stringify(actualViews) !== JSON.stringify(expectedViews)) expect(actualViews).toEqual(expectedViews);
}
