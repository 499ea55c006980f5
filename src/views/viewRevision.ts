// One view's next revision: the new view built from the previous one, sharing every part that did
// not change and deep-frozen, and the immer patches that turn one into the other (what immer's
// `produceWithPatches` gives when only the changed fields are assigned; a property test holds the
// two to the same result). Done by hand because immer's drafts cost a large share of
// what the engine spends on a whole delivery (bench/README.md).
import type { Patch } from 'immer';

type Json = unknown;
export type Path = (string | number)[];

const isContainer = (value: Json): value is Record<string, Json> | Json[] => typeof value === 'object' && value !== null;

/**
 * `next`, as a revision of `previous`: `previous` itself where nothing differs, otherwise a new
 * frozen value that reuses its unchanged parts. Patches for `path` go to `patches`. The path is
 * one array, a key pushed for each level and popped after (it is left as it was given): most
 * fields are unchanged, and a path per field visited was most of what a revision allocated. A
 * patch gets a copy.
 */
export function revised<T>(previous: T, next: T, path: Path, patches: Patch[]): T {
  if (Object.is(previous, next)) return previous;
  if (isContainer(previous) && isContainer(next) && Array.isArray(previous) === Array.isArray(next)) {
    return (Array.isArray(previous) ? revisedArray(previous, next as Json[], path, patches) : revisedObject(previous as Record<string, Json>, next as Record<string, Json>, path, patches)) as T;
  }
  const value = frozenCopy(next);
  patches.push({ op: 'replace', path: path.slice(), value });
  return value;
}

function revisedObject(previous: Record<string, Json>, next: Record<string, Json>, path: Path, patches: Patch[]): Record<string, Json> {
  let copy: Record<string, Json> | undefined;
  const previousKeys = Object.keys(previous);
  const nextKeys = Object.keys(next);
  let kept = 0;
  let reordered = false;
  // Object.keys rather than for-in: views come in many shapes, and for-in over them was the
  // document's largest cost.
  nextKeys.forEach((key, index) => {
    reordered ||= previousKeys[index] !== key;
    const was = previous[key];
    const now = next[key];
    if (was === undefined && !(key in previous)) {
      const value = frozenCopy(now);
      (copy ??= { ...previous })[key] = value;
      patches.push({ op: 'add', path: [...path, key], value });
      return;
    }
    kept++;
    if (Object.is(was, now)) return;
    path.push(key);
    const value = revised(was, now, path, patches);
    path.pop();
    if (value !== was) (copy ??= { ...previous })[key] = value;
  });
  if (kept < previousKeys.length) {
    for (const key of previousKeys) {
      if (key in next) continue;
      copy ??= { ...previous };
      delete copy[key];
      patches.push({ op: 'remove', path: [...path, key] });
    }
  }
  // Keys in the next view's order (an event placed late adds `enteredAt.new` before the rest), so
  // that the document serialises as a view built from scratch does. Patches say nothing of order.
  if (reordered) copy = inOrderOf(nextKeys, copy ?? previous);
  return copy ? Object.freeze(copy) : previous;
}

function inOrderOf(keys: string[], values: Record<string, Json>): Record<string, Json> {
  const ordered: Record<string, Json> = {};
  for (const key of keys) ordered[key] = values[key];
  return ordered;
}

function revisedArray(previous: Json[], next: Json[], path: Path, patches: Patch[]): Json[] {
  let copy: Json[] | undefined;
  const kept = Math.min(previous.length, next.length);
  for (let index = 0; index < kept; index++) {
    if (Object.is(previous[index], next[index])) continue;
    path.push(index);
    const value = revised(previous[index], next[index], path, patches);
    path.pop();
    if (value !== previous[index]) (copy ??= previous.slice())[index] = value;
  }
  for (let index = kept; index < next.length; index++) {
    const value = frozenCopy(next[index]);
    (copy ??= previous.slice()).push(value);
    patches.push({ op: 'add', path: [...path, index], value });
  }
  // Shorter: removed from the end, as immer words it.
  for (let index = previous.length - 1; index >= next.length; index--) patches.push({ op: 'remove', path: [...path, index] });
  if (previous.length > next.length) (copy ??= previous.slice()).length = next.length;
  return copy ? (Object.freeze(copy) as Json[]) : previous;
}

/** A deep-frozen copy: a view never shares an object with the machines' contexts (freezing it must not freeze them). */
export function frozenCopy<T>(value: T): T {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as unknown as T;
  const copy: Record<string, Json> = {};
  for (const key in value) copy[key] = frozenCopy((value as Record<string, Json>)[key]);
  return Object.freeze(copy) as T;
}
