// The `given` steps specs share, written once: a machine's entity after assertions in sequence,
// task t1's ledger after events ingested in the order given, and an engine after deliveries.
// Specs whose `given` builds something else (a clock, a dedupe window) keep their own.
import type { AnyStateMachine } from 'xstate';
import type { CanonicalEvent, TaskEvent } from '../../src/events/canonical.js';
import { ENTITY_RULES } from '../../src/engine/entityMachines.js';
import { createEngine, type Delivery, type Engine, type EngineOptions } from '../../src/index.js';
import { EntityLedger } from '../../src/ledger/entityLedger.js';
import { fold } from '../machines/machineSpec.js';
import { inSequence } from './canonical.js';

/** A machine spec's `given`: entity `id` after the assertions (built by `build`, one a second) fold through `machine`. */
export const givenMachine =
  <M extends AnyStateMachine, A, E extends CanonicalEvent>(machine: M, build: (assertion: A) => E, id: string) =>
  (...assertions: A[]) =>
    fold(machine, inSequence(assertions.map((assertion) => build(assertion))), id);

/** A ledger spec's `given`: task t1's ledger after `events`, ingested in the order given. */
export function givenTaskLedger(events: TaskEvent[]): EntityLedger {
  const ledger = new EntityLedger({ kind: 'task', id: 't1' }, ENTITY_RULES.task);
  for (const event of events) ledger.ingest(event);
  return ledger;
}

/**
 * A source or KPI spec's `given`: an engine after `deliveries`, ingested in the order given. A
 * `given` describes what happened, so a delivery the engine rejects fails the spec at once.
 */
export function givenEngine(deliveries: Delivery[], options: EngineOptions = {}): Engine {
  const engine = createEngine(options);
  for (const delivery of deliveries) {
    const outcome = engine.ingest(delivery);
    if (outcome.status === 'rejected') throw new Error(`given: a rejected delivery: ${outcome.reason}`);
  }
  return engine;
}
