// Compaction (DESIGN §4.4): the entries older than the horizon are folded into the base, their ids
// move to the dedupe window, and window ids older than the dedupe window are forgotten.
import type { LedgerState } from './ledgerState.js';

/** Whether anything changed. */
export function compactLedger(ledger: LedgerState, before: number, dedupeBefore: number): boolean {
  const compacted = ledger.timeline.compactBefore(before);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, freezing guard (test/README.md)
  if (compacted.length > 0) {
    ledger.ids.release(compacted);
    // A quiet entity (a closed task) keeps its ids compactly.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, freezing guard (test/README.md)
    if (ledger.timeline.size === 0) ledger.ids.freeze();
  }
  return ledger.ids.expire(dedupeBefore) || compacted.length > 0;
}
