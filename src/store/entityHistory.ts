// One entity's history as a store holds it, in the form the engine refolds (DESIGN §4.4, §4.10):
// its floor (its state folded from what a prune removed), then the deliveries that named it and the
// operators' reconciles of it, in log order.
import type { EntityHistory } from '../engine/engineTypes.js';
import type { EntityRef } from '../events/canonical.js';
import type { Delivery } from '../sources/delivery.js';
import type { EntityHistoryRead, LoggedDelivery, ReceivedDelivery, StoredFloor } from './store.js';

export async function entityHistory(store: Pick<EntityHistoryRead, 'historyOf' | 'floorOf'>, entity: EntityRef, upTo: number): Promise<EntityHistory> {
  // The history first, then the floor: a prune that commits between the two reads leaves a history
  // that reaches back into the new floor, which the floor's seq cuts off (read the other way round,
  // the history would miss what the old floor did not hold).
  const logged = await store.historyOf(entity, upTo);
  return historyAbove(await store.floorOf(entity), logged);
}

/** The history of an entity from its floor and its logged deliveries (those the floor holds are skipped). */
function historyAbove(floor: StoredFloor | undefined, logged: LoggedDelivery[]): EntityHistory {
  const history: EntityHistory = { deliveries: [], reconciles: [], ...(floor ? { floor: floor.ledger } : {}) };
  for (const delivery of logged) {
    if (floor && delivery.seq <= floor.throughSeq) continue;
    if (delivery.operator) history.reconciles.push(delivery.operator);
    else history.deliveries.push(asDelivery(delivery));
  }
  return history;
}

export const asDelivery = (logged: ReceivedDelivery): Delivery => ({
  source: logged.source ?? 'auto',
  headers: logged.headers,
  body: logged.body,
  receivedAt: logged.receivedAt,
});
