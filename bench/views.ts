// Whether two engines hold the same views: the disorder run must converge to the in-order one
// (DESIGN §4.2), or its speed would mean nothing.
import { isDeepStrictEqual } from 'node:util';
import type { Engine } from '../src/index.js';

export function sameViews(a: Engine, b: Engine): boolean {
  return isDeepStrictEqual(a.agents(), b.agents()) && isDeepStrictEqual(a.tasks(), b.tasks());
}
