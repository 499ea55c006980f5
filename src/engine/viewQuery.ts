// Paged queries over the views in memory: by state, by the time of the entity's last
// event, a page at a time in id order, the next page after the last id seen (a cursor that stays
// valid while views come and go, unlike an offset).
import type { AgentState, TaskState } from '../events/states.js';

export interface ViewQuery<S extends string = string> {
  /** Only views in this state (or one of these states). */
  state?: S | readonly S[];
  /** Only entities whose last event is at or after this event time (epoch ms). */
  since?: number;
  /** Only ids after this one (the last id of the previous page). */
  after?: string;
  /** At most this many views (a positive whole number). */
  limit?: number;
}

export type TaskQuery = ViewQuery<TaskState>;
export type AgentQuery = ViewQuery<AgentState>;

/**
 * The views (in id order) that match `query`, a page of them. `lastEventTime` gives an entity's
 * newest event time, for `since`. Bad input (a limit that is no positive whole number, a since that
 * is no time) is refused with a RangeError.
 */
export function queryViews<V extends { id: string; state: string }>(views: readonly V[], query: ViewQuery, lastEventTime: (id: string) => number | undefined): V[] {
  const { state, since, after, limit } = query;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(`limit must be a positive whole number, not ${String(limit)}`);
  if (since !== undefined && !Number.isFinite(since)) throw new RangeError(`since must be an event time in epoch ms, not ${String(since)}`);
  const states = state === undefined ? undefined : new Set<string>(typeof state === 'string' ? [state] : state);
  const page: V[] = [];
  for (const view of views) {
    if (after !== undefined && view.id <= after) continue;
    if (states && !states.has(view.state)) continue;
    if (since !== undefined && (lastEventTime(view.id) ?? Number.NEGATIVE_INFINITY) < since) continue;
    page.push(view);
    if (page.length === limit) break;
  }
  return page;
}
