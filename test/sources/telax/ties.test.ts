// Same-second ties between Telax work-item codes (DESIGN §4.7). Telax stamps events to the second
// and names no work item, so the key cannot order an item offered and declined, or offered,
// accepted and released, within one second: the agent's events of one second fold as a valid
// work lifecycle from where the agent was before it. Each case holds in every arrival order.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { permutations } from '../../support/permutations.js';
import { agentEvent, USER } from './build.js';

/** Codes at seconds after 09:00:00 (Ids in no particular order); the agent's state after each arrival order. */
function inEveryOrder(events: [second: number, code: number, fields?: Record<string, unknown>][]) {
  const bodies = events.map(([second, code, fields], index) =>
    agentEvent(code, { Id: `${(index * 7) % 10}-${code}`, CreationDateUtc: `202503040900${String(second).padStart(2, '0')}`, ...fields }),
  );
  return permutations(bodies).map((arrivals) => {
    const engine = createEngine();
    for (const body of arrivals) engine.ingest({ source: 'telax', body: JSON.stringify(body) });
    return engine.agent(USER)?.state;
  });
}

const available = { AvailabilityCode: 1 };

describe('telax same-second ties', () => {
  it('an offer declined within its own second leaves the agent back in its presence', () => {
    expect(new Set(inEveryOrder([[0, 1], [5, 4], [5, 6]]))).toEqual(new Set(['idle']));
  });

  it('an item offered, accepted and released within one second leaves the agent back in its presence', () => {
    expect(new Set(inEveryOrder([[0, 1], [0, 3, available], [5, 4], [5, 5], [5, 8]]))).toEqual(new Set(['available']));
  });

  it('an offer and its acceptance in the same second leave the agent engaged', () => {
    expect(new Set(inEveryOrder([[0, 1], [5, 4], [5, 5]]))).toEqual(new Set(['engaged']));
  });

  it('a release and the next offer in the same second leave the agent reserved', () => {
    expect(new Set(inEveryOrder([[0, 1], [1, 4], [2, 5], [9, 8], [9, 4]]))).toEqual(new Set(['reserved']));
  });

  it('a release, the next offer and its acceptance in one second leave the agent engaged', () => {
    expect(new Set(inEveryOrder([[0, 1], [1, 4], [2, 5], [9, 8], [9, 4], [9, 5]]))).toEqual(new Set(['engaged']));
  });

  it('a release and a whole next item in one second leave the agent back in its presence', () => {
    expect(new Set(inEveryOrder([[0, 1], [1, 4], [1, 5], [9, 8], [9, 4], [9, 5], [9, 8]]))).toEqual(new Set(['idle']));
  });

  it('an offer declined and the next offered in one second leave the agent reserved', () => {
    expect(new Set(inEveryOrder([[0, 1], [5, 4], [5, 6], [5, 4]]))).toEqual(new Set(['reserved']));
  });

  it('a sign-in, a status and an offer declined, all in one second, leave the agent in that status', () => {
    expect(new Set(inEveryOrder([[3, 1], [3, 3, available], [3, 4], [3, 6]]))).toEqual(new Set(['available']));
  });
});
