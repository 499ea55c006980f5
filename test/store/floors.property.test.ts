// The floors a prune leaves are what refolding each entity's pruned deliveries gives: a round maps
// each delivery once and folds every entity's events onto its previous floor, and that is the same
// floor, and the same rebuild from it, as folding the entity's own deliveries of each round onto
// its previous floor (how a floor is defined, policies/prunePolicy.ts). Generated feeds: agents and
// tasks over six hours, some deliveries received hours after their event time (late, across a
// prune), some sent again, some again with other content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { type FloorSteps, storePortOf } from '../../src/engine/storePort.js';
import type { EntityRef } from '../../src/events/canonical.js';
import { asDelivery } from '../../src/store/entityHistory.js';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { ReceivedDelivery, StoredFloor, WriteBatch } from '../../src/store/store.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { received } from './feeds.js';
import { at, ENGINE, KEEP_LOG } from './retentionTimes.js';

const keyOf = ({ kind, id }: EntityRef) => `${kind}:${id}`;

/**
 * Keeps every delivery it was given, with its seq, and the seq each prune went through with the
 * entities left with a floor after it (a finished entity's floor goes with its final view).
 */
class RecordingStore extends MemoryStore {
  readonly logged: { seq: number; delivery: ReceivedDelivery }[] = [];
  readonly prunes: { through: number; floored: Set<string> }[] = [];
  private readonly everFloored = new Map<string, EntityRef>();
  override commit(batch: WriteBatch): number[] {
    const seqs = super.commit(batch);
    seqs.forEach((seq, index) => this.logged.push({ seq, delivery: batch.deliveries[index]! }));
    const { prune } = batch;
    if (prune && prune.throughSeq > (this.prunes.at(-1)?.through ?? 0)) {
      for (const { entity } of prune.floors) this.everFloored.set(keyOf(entity), entity);
      const floored = new Set([...this.everFloored].filter(([, entity]) => this.floorOf(entity)).map(([key]) => key));
      this.prunes.push({ through: prune.throughSeq, floored });
    }
    return seqs;
  }
}

const AGENT_STATES = ['available', 'idle', 'ringing', 'wrapup'] as const;
const TASK_TYPES = ['task:new', 'task:parked', 'task:connected', 'task:ended'] as const;

/** One event of the feed: whose, when (minutes), how long after it was received, whether sent twice (or with other content). */
const plannedEvent = fc.record({
  agent: fc.boolean(),
  who: fc.integer({ min: 0, max: 3 }),
  step: fc.integer({ min: 0, max: 3 }),
  minute: fc.integer({ min: 0, max: 360 }),
  // Mostly at once; some hours late, across the prune of two hours before the newest receive time.
  delay: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 240 }) }),
  again: fc.constantFrom('no', 'same', 'other'),
});
type PlannedEvent = typeof plannedEvent extends fc.Arbitrary<infer T> ? T : never;

/** The planned events, between agent a0's login at minute 0 and a state change at minute 360 (six hours: the first four are pruned). */
function deliveriesOf(plan: PlannedEvent[]): ReceivedDelivery[] {
  const sent = [webhook.agentLogin('login', at(0), 'a0', 'team-1', true), webhook.agentStateChange('last', at(360), 'a0', 'idle')].map((body) => received(JSON.stringify(body)));
  plan.forEach(({ agent, who, step, minute, delay, again }, index) => {
    const id = `e${index}`;
    const body = (variant: number) =>
      agent
        ? webhook.agentStateChange(id, at(minute), `a${who}`, AGENT_STATES[(step + variant) % AGENT_STATES.length]!)
        : webhook.taskEvent(id, at(minute), TASK_TYPES[(step + variant) % TASK_TYPES.length]!, `t${who}`);
    sent.push(received(JSON.stringify(body(0)), at(minute + delay)));
    if (again !== 'no') sent.push(received(JSON.stringify(body(again === 'same' ? 0 : 1)), at(minute + delay + 7)));
  });
  // The receiver's clock only moves on: deliveries come in receive-time order.
  return sent.sort((a, b) => a.receivedAt - b.receivedAt);
}

/** Each entity's floor after every prune, refolded from its own deliveries of each round onto its previous floor. */
function refoldedFloors(store: RecordingStore): Map<string, StoredFloor> {
  const port = storePortOf(createEngine(ENGINE));
  const floors = new Map<string, StoredFloor>();
  let after = 0;
  for (const { through, floored } of store.prunes) {
    const round = store.logged.filter(({ seq }) => seq > after && seq <= through).map(({ delivery }) => port.eventsOf(asDelivery(delivery)));
    const named = new Map<string, EntityRef>();
    for (const event of round.flat()) named.set(keyOf(event.entity), event.entity);
    for (const [key, entity] of named) {
      const previous = floors.get(key);
      const steps: FloorSteps = { ...(previous ? { floor: previous.ledger } : {}), events: round.flat().filter((event) => keyOf(event.entity) === key), reconciles: [] };
      floors.set(key, { entity, throughSeq: through, ledger: port.foldFloor(entity, steps) });
    }
    for (const key of floors.keys()) if (!floored.has(key)) floors.delete(key);
    after = through;
  }
  return floors;
}

describe('floors', () => {
  it('a prune leaves the floors refolding each entity’s pruned deliveries gives, and a rebuild from them is the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plannedEvent, { minLength: 20, maxLength: 80 }), async (plan) => {
        const store = new RecordingStore();
        const clock = { now: at(0) };
        const durable = await openDurableEngine({ store, engine: ENGINE, checkpointEvery: 10, keepLogMs: KEEP_LOG, now: () => clock.now });
        for (const delivery of deliveriesOf(plan)) {
          clock.now = delivery.receivedAt;
          await durable.receive(delivery);
        }
        await durable.prune();
        await durable.close();

        const expected = refoldedFloors(store);
        const kept = store.logged.filter(({ seq }) => seq > (store.prunes.at(-1)?.through ?? 0)).map(({ delivery }) => asDelivery(delivery));
        for (const [key, floor] of expected) {
          const stored = await store.floorOf(floor.entity);
          expect(stored, key).toEqual(floor);
          if (!stored) continue;
          const fromStored = createEngine(ENGINE);
          const fromRefolded = createEngine(ENGINE);
          storePortOf(fromStored).rebuildEntity(floor.entity, { floor: stored.ledger, deliveries: kept, reconciles: [] });
          storePortOf(fromRefolded).rebuildEntity(floor.entity, { floor: floor.ledger, deliveries: kept, reconciles: [] });
          expect(fromStored.snapshot().ledgers, key).toEqual(fromRefolded.snapshot().ledgers);
        }
        // The generator meant prunes with floors: a feed of six hours keeps two.
        expect(expected.size).toBeGreaterThan(0);
      }),
      { numRuns: propertyRuns(60) },
    );
  }, 300_000);
});
