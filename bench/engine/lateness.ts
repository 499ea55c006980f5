// The lateness curve (DESIGN §4.3): the cost of one event that arrives k positions late within
// its entity, for k = 1, 10, 100, 1000, on entities with a short and a long history. The ledger
// rewinds to the checkpoint before the late event and refolds the k that follow, so the cost
// should grow with k and not with the history. Measured through `engine.ingest` (a whole Webex
// delivery), beside an in-order event on the same entity as the reference.
//
// Each entity is an agent with `history` presence changes one second apart; a horizon of a day
// keeps them all in memory. Iteration i is a new delivery timed just before the k-th newest
// event (and after every earlier iteration's), so exactly k events follow it every time.
import { Bench } from 'tinybench';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine } from '../../src/index.js';

export interface LatenessPoint {
  positions: number;
  history: number;
  meanMicros: number;
  p99Micros: number;
  samples: number;
}

const SECOND = 1000;
const START = Date.UTC(2026, 10, 2, 9, 0, 0);
const POSITIONS = [0, 1, 10, 100, 1000];
/** Late deliveries fit between two history events one second apart. */
const MAX_ITERATIONS = 900;

export async function measureLateness(quick: boolean): Promise<LatenessPoint[]> {
  const histories = quick ? [1_200] : [2_000, 10_000];
  const iterations = quick ? 25 : 200;
  const points: LatenessPoint[] = [];
  for (const history of histories) {
    const engine = createEngine({ horizonMs: 24 * 3600 * SECOND });
    const bench = new Bench({ iterations, time: 0, warmupIterations: 5, warmupTime: 0, throws: true });
    for (const positions of POSITIONS) {
      const agentId = `late-${history}-${positions}`;
      fillHistory(engine, agentId, history);
      bench.add(String(positions), lateDeliveries(engine, agentId, history, positions));
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`lateness ${task.name}: ${result.state}`);
      points.push({
        positions: Number(task.name),
        history,
        meanMicros: result.latency.mean * 1000,
        p99Micros: result.latency.p99 * 1000,
        samples: result.latency.samplesCount,
      });
    }
  }
  return points;
}

function fillHistory(engine: Engine, agentId: string, history: number): void {
  for (let index = 0; index < history; index++) {
    ingestOrThrow(engine, presence(`${agentId}-${index}`, START + index * SECOND, agentId, index), 'applied');
  }
}

/** The task function: each call ingests one new delivery that lands `positions` from the end. */
function lateDeliveries(engine: Engine, agentId: string, history: number, positions: number): () => void {
  let iteration = 0;
  const anchor = START + (history - positions) * SECOND;
  return () => {
    if (++iteration > MAX_ITERATIONS) throw new Error('lateness: more iterations than fit before the anchor');
    const time = positions === 0 ? START + history * SECOND + iteration : anchor - SECOND + iteration;
    ingestOrThrow(engine, presence(`${agentId}-late-${iteration}`, time, agentId, iteration), positions === 0 ? 'applied' : 'reordered');
  };
}

const presence = (id: string, time: number, agentId: string, index: number): string =>
  JSON.stringify(webhook.agentStateChange(id, time, agentId, index % 2 === 0 ? 'available' : 'idle', index % 2 === 0 ? {} : { idleCodeId: 'lunch' }));

function ingestOrThrow(engine: Engine, body: string, expected: 'applied' | 'reordered'): void {
  const outcome = engine.ingest({ source: 'webex', body });
  if (outcome.status !== expected) throw new Error(`lateness: expected ${expected}, got ${outcome.status} (${outcome.reason ?? ''})`);
}
