// The port the generic ledger takes from each kind of entity: its machine, how the events of one
// instant that the key cannot order fold (DESIGN §4.7), and how many gaps its context counted.
// The ledger reads an entity's context only through these; the registry by kind is
// src/engine/entityMachines.ts, the readers come from each machine's own modules (machines/).
import type { AnyStateMachine } from 'xstate';
import type { SameInstantOrder } from './sameInstantOrder.js';

export interface EntityRules<Context = unknown> {
  readonly machine: AnyStateMachine;
  /** Fold order for one instant's events; none: key order (the kind's rank is its lifecycle). */
  readonly sameInstantOrder?: SameInstantOrder;
  /** The lifecycle steps skipped so far, as the machine's context counts them (DESIGN §4.6). */
  gapCount(context: Context): number;
}
