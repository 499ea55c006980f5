// Rules every store implementation applies alike.
import type { Prune } from './store.js';

export const entityKey = (entity: { kind: string; id: string }): string => `${entity.kind}:${entity.id}`;

/** A prune may remove only what a checkpoint covers: a restart must never need a pruned delivery. */
export function checkPrune(prune: Prune, checkpointSeq: number | undefined): void {
  if (checkpointSeq === undefined || prune.throughSeq > checkpointSeq) {
    throw new Error(`prune through seq ${prune.throughSeq}: not covered by a checkpoint (newest at ${checkpointSeq ?? 'none'})`);
  }
  if (!Number.isSafeInteger(prune.deadLettersKept) || prune.deadLettersKept < 0) {
    throw new Error(`prune: deadLettersKept must be a whole number, not ${prune.deadLettersKept}`);
  }
}
