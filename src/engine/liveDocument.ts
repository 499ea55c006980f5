// The engine's hook into the state document: entities touched by a delivery (or a reconcile, a
// rebuild, an expiry) are marked, and their views revised in the document from their sources — at once while
// someone listens (patch or view subscribers get one revision per delivery), otherwise at the
// next read. So an engine nobody reads pays a Set insertion per touched entity, and a read pays
// for the entities that changed since the last one, never for every view.
//
// An entity that left memory (its ledgers gone) is touched like any other: its source is then
// undefined, and the document removes its view (a `remove` patch).
import type { Patch } from 'immer';
import type { EntityRef } from '../events/canonical.js';
import type { AgentView } from '../views/agentView.js';
import { type ViewKind, type StateDocument, type ViewUpdate, ViewDocument } from '../views/stateDocument.js';
import type { TaskView } from '../views/taskView.js';
import type { ChangeFeed } from './changeFeed.js';
import { agentIdOf } from './entityLedgers.js';

/** One revision of the document, as the patch feed sends it. */
export interface PatchSet {
  revision: number;
  /** immer patches; paths are arrays from the document's root, e.g. `["tasks", "t1", "state"]`. */
  patches: Patch[];
  /** An event folded out of order revised a view that was already in the document. */
  corrected: boolean;
}

export type PatchListener = (set: PatchSet) => void;

type SourceOf = (kind: ViewKind, id: string) => ViewUpdate['source'];

interface Touched {
  kind: ViewKind;
  id: string;
  outOfOrder: boolean;
}

export class LiveDocument {
  private readonly document = new ViewDocument();
  private readonly touched = new Map<string, Touched>();
  private readonly listeners = new Set<PatchListener>();

  constructor(
    private readonly sourceOf: SourceOf,
    private readonly feed: ChangeFeed,
    /** Entities already in memory (a restored engine): their views are built at the first read. */
    initial: Iterable<{ kind: ViewKind; id: string }> = [],
  ) {
    for (const { kind, id } of initial) this.touched.set(`${kind}:${id}`, { kind, id, outOfOrder: false });
  }

  /** Marks the entity whose view (a task's own, or its agent's for an agent or channel) may have changed. */
  touch(entity: EntityRef, outOfOrder: boolean): void {
    const kind: ViewKind = entity.kind === 'task' ? 'task' : 'agent';
    const id = kind === 'task' ? entity.id : agentIdOf(entity);
    const key = `${kind}:${id}`;
    const seen = this.touched.get(key);
    if (seen) seen.outOfOrder ||= outOfOrder;
    else this.touched.set(key, { kind, id, outOfOrder });
  }

  /** After a delivery: subscribers hear of its changes now; with none, they wait for the next read. */
  settle(): void {
    if (this.listeners.size > 0 || this.feed.active) this.flush();
  }

  subscribe(listener: PatchListener): () => void {
    // Changes made before the subscription are in the document the subscriber starts from.
    this.flush();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): StateDocument {
    this.flush();
    return this.document.current();
  }

  agent(id: string): AgentView | undefined {
    this.flush();
    return this.document.agent(id);
  }

  task(id: string): TaskView | undefined {
    this.flush();
    return this.document.task(id);
  }

  agents(): AgentView[] {
    this.flush();
    return [...this.document.agents()].sort(byId);
  }

  tasks(): TaskView[] {
    this.flush();
    return [...this.document.tasks()].sort(byId);
  }

  private flush(): void {
    if (this.touched.size === 0) return;
    const updates: (ViewUpdate & { outOfOrder: boolean })[] = [];
    for (const { kind, id, outOfOrder } of this.touched.values()) updates.push({ kind, id, outOfOrder, source: this.sourceOf(kind, id) } as ViewUpdate & { outOfOrder: boolean });
    this.touched.clear();
    const change = this.document.apply(updates);
    if (!change) return;
    const corrected = change.changed.some((entry) => entry.revisedShown && entry.update.outOfOrder);
    const set: PatchSet = { revision: change.revision, patches: change.patches, corrected };
    for (const listener of this.listeners) {
      try {
        listener(set);
      } catch {
        // A failing subscriber must not break ingestion or the other subscribers.
      }
    }
    if (!this.feed.active) return;
    for (const { update, view } of change.changed) {
      // An entity that left memory (retention) has no view: the patch feed removes it from the
      // document; the view feed sends nothing, as its view did not change (behind a store GET /tasks/:id still answers it).
      if (view !== undefined) this.feed.publish({ kind: update.kind, id: update.id, view, outOfOrder: update.outOfOrder } as Parameters<ChangeFeed['publish']>[0]);
    }
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
