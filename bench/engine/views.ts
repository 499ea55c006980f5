// A digest of an engine's views: the disorder run must converge to the in-order one (DESIGN §4.2),
// or its speed would mean nothing. A digest lets each run's engine be dropped before the next run,
// so that no run carries another's heap.
import { createHash } from 'node:crypto';
import type { Engine } from '../../src/index.js';

export function viewsDigest(engine: Engine): string {
  const hash = createHash('sha256');
  for (const view of engine.agents()) hash.update(JSON.stringify(view));
  for (const view of engine.tasks()) hash.update(JSON.stringify(view));
  return hash.digest('hex');
}
