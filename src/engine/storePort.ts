// The engine's store-only hooks: what the projector of the durable log (src/store/projector.ts)
// and its policies need to checkpoint, prune and place late events, and nothing else may call.
// They are off the public `Engine`: a reader of the engine's views never sees them, and only code
// that asks `storePortOf(engine)` (the projector and its tests) holds them.
import type { CanonicalEvent, EntityRef } from '../events/canonical.js';
import type { LedgerSnapshot } from '../ledger/entityLedger.js';
import type { Delivery } from '../sources/delivery.js';
import type { EngineCheckpoint } from './checkpoints.js';
import type { Engine, EntityHistory } from './engineTypes.js';
import type { EngineReconcile } from './entityMachines.js';

/**
 * What a prune folds into one entity's floor: its previous floor, then the events of its pruned
 * deliveries (already mapped: a round maps each delivery once, whatever number of entities it
 * names) and the operators' reconciles of it, each in log order.
 */
export interface FloorSteps {
  floor?: LedgerSnapshot;
  /** The entity's own events, in log order (the first arrival of an id is the one folded). */
  events: CanonicalEvent[];
  reconciles: EngineReconcile[];
}

export interface StorePort {
  /**
   * Refolds one entity from its full history in a durable store's log. This is how a store places
   * an event older than the compacted base exactly (DESIGN §4.4); subscribers see the result as a
   * correction.
   */
  rebuildEntity(entity: EntityRef, history: EntityHistory): void;
  /** The events a delivery asserts, each naming its entity (none when it is rejected or ignored). */
  eventsOf(delivery: Delivery): CanonicalEvent[];
  /**
   * Folds an entity's steps apart from the engine's memory into a floor: what a store keeps of the
   * entity when it prunes the deliveries they came from (compacted to its newest event minus the
   * horizon, so that a later refold still places events near the prune exactly). The same fold as
   * `rebuildEntity` of the history those steps came from.
   */
  foldFloor(entity: EntityRef, steps: FloorSteps): LedgerSnapshot;
  /**
   * What changed since the last checkpoint written: the ledgers whose content moved and the
   * entities that left memory (with `checkpoints` set; see `checkpoints.ts`). Cheap to call: it
   * visits every live ledger but serialises only the changed ones.
   */
  checkpoint(): EngineCheckpoint;
  /** The store committed `checkpoint` (its `serial` and `full` are what count): what it holds is not taken again. */
  checkpointWritten(checkpoint: Pick<EngineCheckpoint, 'serial' | 'full'>): void;
}

/** Weak: an engine's port goes with the engine. */
const ports = new WeakMap<Engine, StorePort>();

/** Called once by `createEngine`. */
export function attachStorePort(engine: Engine, port: StorePort): void {
  ports.set(engine, port);
}

/** The store hooks of an engine made by `createEngine`. */
export function storePortOf(engine: Engine): StorePort {
  const port = ports.get(engine);
  if (!port) throw new Error('storePortOf: not an engine made by createEngine');
  return port;
}
