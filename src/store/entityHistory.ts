// One entity's history as a store holds it, in the form the engine refolds (DESIGN §4.4, §4.10):
// its floor (its state folded from what a prune removed), then the deliveries that named it and the
// operators' reconciles of it, in log order.
import type { EntityHistory } from '../engine/engineTypes.js';
import type { EntityRef } from '../events/canonical.js';
import type { Delivery } from '../sources/delivery.js';
import type { ReceivedDelivery, Store } from './store.js';

export async function entityHistory(store: Store, entity: EntityRef, upTo: number): Promise<EntityHistory> {
  const floor = await store.floorOf(entity);
  const history: EntityHistory = { deliveries: [], reconciles: [], ...(floor ? { floor: floor.ledger } : {}) };
  for (const logged of await store.historyOf(entity, upTo)) {
    if (logged.operator) history.reconciles.push(logged.operator);
    else history.deliveries.push(asDelivery(logged));
  }
  return history;
}

export const asDelivery = (logged: ReceivedDelivery): Delivery => ({
  source: logged.source ?? 'auto',
  headers: logged.headers,
  body: logged.body,
  receivedAt: logged.receivedAt,
});
