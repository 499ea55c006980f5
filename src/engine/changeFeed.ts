// The change feed: subscribers get a view each time it changes. A change caused by an event
// that was folded out of order carries `corrected: true`, so a consumer that acted on the
// earlier view knows it was revised (DESIGN §4).
import type { AgentView } from '../views/agentView.js';
import type { TaskView } from '../views/taskView.js';
import type { QueueKpis } from '../kpi/kpiTypes.js';

export type ViewChange =
  | { kind: 'agent'; id: string; view: AgentView; corrected: boolean }
  | { kind: 'task'; id: string; view: TaskView; corrected: boolean }
  /** A queue's KPIs (all channel types, no intervals), each time they change; `corrected` after a late event. */
  | { kind: 'queue'; id: string; view: QueueKpis; corrected: boolean };

export type ChangeListener = (change: ViewChange) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  /** The last view delivered per entity, as JSON, to deliver changes only. */
  private readonly delivered = new Map<string, string>();

  get active(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: Omit<ViewChange, 'corrected'> & { outOfOrder: boolean }): void {
    const key = `${change.kind}:${change.id}`;
    const json = JSON.stringify(change.view);
    const previous = this.delivered.get(key);
    if (previous === json) return;
    this.delivered.set(key, json);
    const delivered = {
      kind: change.kind,
      id: change.id,
      view: change.view,
      corrected: change.outOfOrder && previous !== undefined,
    } as ViewChange;
    for (const listener of this.listeners) {
      try {
        listener(delivered);
      } catch {
        // A failing subscriber must not break ingestion or the other subscribers.
      }
    }
  }
}
