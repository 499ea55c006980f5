// What the ledger tells an inspector about an entity's history beyond the events it folds. Its own
// module: the ledger's fold tells it and the inspection (src/inspect/) receives it, and neither
// needs the other to name it.
/** What happened to an entity's history, told to an inspector before the snapshots it brings. */
export type FoldNote =
  /** A late event was placed among later ones: the fold restarts from the checkpoint before it. */
  | { type: 'contactstate.refold'; lateEventId: string; lateEventTime: number; refolded: number }
  /** An authoritative snapshot as of `asOf` was placed among the events; the events after it follow. */
  | { type: 'contactstate.reconcile'; asOf: number; refolded: number }
  /** The ledger was restored from an engine snapshot: its base, then the events kept after it. */
  | { type: 'contactstate.restore'; refolded: number }
  /** The entity is refolded from nothing through its whole history (a store's log). */
  | { type: 'contactstate.rebuild'; refolded: number };
