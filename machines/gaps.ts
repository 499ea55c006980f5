// A gap: an assertion that skipped states of the nominal lifecycle (a delivery was lost).
// The machine still takes the assertion; the gap is recorded so a backend can reconcile
// just this entity.

export interface Gap<S extends string = string> {
  from: S;
  to: S;
  at: number;
  eventId: string;
}

export interface GapRecord<S extends string = string> {
  /** The most recent gaps, oldest first (at most MAX_KEPT_GAPS). */
  gaps: Gap<S>[];
  gapCount: number;
}

/** The gaps recorded so far: what `needingReconciliation()` reads (src/ledger/entityRules.ts). */
export const gapCountOf = (context: GapRecord): number => context.gapCount;

const MAX_KEPT_GAPS = 16;

const NO_GAPS: readonly Gap[] = Object.freeze([]);

/**
 * The gaps of an entity before any: one frozen empty list for every entity (a context is only ever
 * copied, never changed in place, and most entities never record a gap).
 */
export const noGaps = <S extends string>(): Gap<S>[] => NO_GAPS as unknown as Gap<S>[];

export type Lifecycle<S extends string> = Record<S, readonly S[]>;

/** Records a gap when `to` is neither `from` nor one of its nominal successors. */
export function withGapIfSkipped<S extends string, C extends GapRecord<S>>(
  context: C,
  lifecycle: Lifecycle<S>,
  gap: Gap<S>,
): C {
  if (gap.from === gap.to || lifecycle[gap.from].includes(gap.to)) return context;
  return { ...context, gaps: [...context.gaps, gap].slice(-MAX_KEPT_GAPS), gapCount: context.gapCount + 1 };
}
