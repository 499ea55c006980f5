// A view as a table of its fields, each derived from the entity's machine snapshots (the view's
// source) and knowing which parts of the source it reads. That is what lets the state document
// revise a view from the fold's own change set instead of diffing whole views: the machines'
// contexts are copied by every assign and never changed in place, so a part of the source that is
// the same object (or the same primitive) as in the source the view was last built from holds the
// same value, and a field reading only such parts is unchanged. Only the fields whose parts a step
// replaced are derived again and revised into the view (viewRevision.ts), with the same patches a
// diff of the whole view gives.
import type { Patch } from 'immer';
import { type Path, revisedOnPath } from './viewRevision.js';

export interface ViewField<S, T> {
  /** Whether a part of the source this field reads is another object or value in `next`. */
  changed(previous: S, next: S): boolean;
  value(source: S, id: string): T;
}

export type ViewFields<S, V> = { readonly [K in keyof V]-?: ViewField<S, V[K]> };

/** The entity's id: a view's key in the document, never changed by its source. */
export const idField: ViewField<unknown, string> = { changed: () => false, value: (_source, id) => id };

export class ViewDefinition<S, V extends object> {
  private readonly fields: [string, ViewField<S, unknown>][];

  constructor(fields: ViewFields<S, V>) {
    this.fields = Object.entries(fields) as [string, ViewField<S, unknown>][];
  }

  /** The whole view of a source, its fields in the table's order. */
  build(source: S, id: string): V {
    const view: Record<string, unknown> = {};
    for (const [key, field] of this.fields) view[key] = field.value(source, id);
    return view as V;
  }

  /**
   * `previous` (built from `previousSource`) revised to what `source` gives: `previous` itself
   * when no field changed, else a frozen copy sharing the unchanged fields. The patches of the
   * revised fields go to `patches`, under `path` (the view's own; left as it was given).
   */
  revised(previous: V, previousSource: S, source: S, id: string, path: Path, patches: Patch[]): V {
    const fields = previous as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const [key, field] of this.fields) {
      if (!field.changed(previousSource, source)) continue;
      const was = fields[key];
      path.push(key);
      const value = revisedOnPath(was, field.value(source, id), path, patches);
      path.pop();
      if (value !== was) (copy ??= { ...fields })[key] = value;
    }
    return copy ? (Object.freeze(copy) as V) : previous;
  }
}
