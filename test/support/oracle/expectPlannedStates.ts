// Holds an engine to the independent oracle: its views end in the states the plan asserts.
import { expect } from 'vitest';
import type { Engine } from '../../../src/index.js';
import { type ExpectedStates, expectedStates } from './expectedStates.js';
import type { PlannedDelivery } from './facts.js';

/** The states an engine serves, in the oracle's shape (keys sorted, like the oracle's). */
function servedStates(engine: Engine): ExpectedStates {
  return {
    agents: Object.fromEntries(engine.agents().map(({ id, state, channels, tasks }) => [id, { state, channels, tasks: [...tasks].sort() }])),
    tasks: Object.fromEntries(engine.tasks().map(({ id, state }) => [id, state])),
  };
}

/** The engine ends in the states `delivered` asserts (compared as JSON first: thousands of runs). */
export function expectPlannedStates(engine: Engine, delivered: readonly PlannedDelivery[]): void {
  const served = servedStates(engine);
  const expected = sortedKeys(expectedStates(delivered));
  if (JSON.stringify(served) !== JSON.stringify(expected)) expect(served).toEqual(expected);
}

function sortedKeys(states: ExpectedStates): ExpectedStates {
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { agents: sorted(states.agents), tasks: sorted(states.tasks) };
}
