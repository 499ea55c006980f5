// Step one of ingestion: a raw delivery → its source's canonical events, or why not.
import type { SourceId } from '../events/canonical.js';
import type { AdapterResult, SourceAdapter } from '../sources/adapter.js';
import { type Delivery, type ParseLimits, parseDelivery } from '../sources/delivery.js';
import { recognize } from '../sources/registry.js';

export interface AdaptedDelivery {
  source: SourceId | null;
  result: AdapterResult;
}

export function adaptDelivery(
  delivery: Delivery,
  adapters: Partial<Record<SourceId, SourceAdapter>>,
  limits: ParseLimits,
): AdaptedDelivery {
  const parsed = parseDelivery(delivery, limits);
  const named = delivery.source && delivery.source !== 'auto' ? delivery.source : null;
  if (!parsed.ok) return { source: named, result: { kind: 'rejected', reason: parsed.reason, issues: parsed.issues } };
  const adapter = named ? adapters[named] : recognize(parsed.delivery, adapters);
  if (!adapter) return { source: named, result: rejection(named ? `unknown source "${named}"` : 'no source recognises this payload') };
  try {
    return { source: adapter.id, result: adapter.toEvents(parsed.delivery) };
  } catch (error) {
    // An adapter that throws has a bug; the delivery is still answered and kept, never lost.
    return { source: adapter.id, result: rejection(`${adapter.id}: internal error while mapping (${(error as Error).message})`) };
  }
}

const rejection = (reason: string): AdapterResult => ({
  kind: 'rejected',
  reason,
  issues: [{ path: [], message: reason, code: 'custom' }],
});
