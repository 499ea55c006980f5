// A view derived from the entity's machine snapshots (its source) field by field, by one function
// per view kind that also knows which parts of the source each field reads. Given the source the
// view was last built from, it derives only the fields whose parts the fold replaced since: that is
// what lets the state document revise a view from the fold's own change set instead of building it
// whole and diffing it. The machines' contexts are copied by every assign and never changed in
// place, so a part that is the same object (or the same primitive) as in the earlier source holds
// the same value, and a field reading only such parts is unchanged. Each field derived is revised
// into the view as `revised` (viewRevision.ts) revises it, with the same patches.
import type { Patch } from 'immer';
import { type Path, revised } from './viewRevision.js';

/** Where a derivation puts the fields it derives. */
export interface FieldSink<V> {
  set<K extends keyof V & string>(key: K, value: V[K]): void;
}

/**
 * Puts into `into` the fields of the view of `source` that read a part of it other than `before`'s
 * (its value may still be equal), in the view's order: every field when there is no `before`.
 */
export type ViewDerivation<S, V> = (source: S, id: string, before: S | undefined, into: FieldSink<V>) => void;

/** The whole view of a source. */
export function builtView<S, V>(derive: ViewDerivation<S, V>, source: S, id: string): V {
  const builder = new ViewBuilder<V>();
  derive(source, id, undefined, builder);
  return builder.view as V;
}

/**
 * `previous` (the view of `before`) revised to the view of `source`: `previous` itself when no
 * field changed, else a frozen copy sharing the unchanged fields. The patches go to `patches`,
 * under `path` (the view's own; left as it was given).
 */
export function revisedView<S, V extends object>(derive: ViewDerivation<S, V>, previous: V, before: S, source: S, id: string, path: Path, patches: Patch[]): V {
  const reviser = new ViewReviser<V>(previous as Record<string, unknown>, path, patches);
  derive(source, id, before, reviser);
  return reviser.copy ? (Object.freeze(reviser.copy) as V) : previous;
}

// Sinks are classes rather than object literals of closures: a closure made per view was a
// function object (and, under tsx, a name definition) per revision.
class ViewBuilder<V> implements FieldSink<V> {
  readonly view: Record<string, unknown> = {};

  set(key: string, value: unknown): void {
    this.view[key] = value;
  }
}

class ViewReviser<V> implements FieldSink<V> {
  /** The revised view, made at the first field that changed. */
  copy: Record<string, unknown> | undefined;

  constructor(
    private readonly previous: Record<string, unknown>,
    private readonly path: Path,
    private readonly patches: Patch[],
  ) {}

  set(key: string, now: unknown): void {
    const was = this.previous[key];
    if (Object.is(was, now)) return;
    this.path.push(key);
    const value = revised(was, now, this.path, this.patches);
    this.path.pop();
    if (value !== was) (this.copy ??= { ...this.previous })[key] = value;
  }
}
