// The state document (DESIGN §1, §5): every current view in one immutable value,
// `{ revision, agents: {id: AgentView}, tasks: {id: TaskView} }`. A change is applied as immer's
// `produceWithPatches` applies it when only the changed fields are assigned: small immer patches
// (`replace ["agents", "a1", "state"] "engaged"`), unchanged parts of a view kept as the same
// objects, and every view deep-frozen, so what a reader holds never changes under it nor changes
// the engine. `revised` (viewRevision.ts) does it by hand, with the patches immer gives (a
// property test compares them) at a fraction of immer's cost (bench/README.md).
//
// The sections are Maps of frozen views: a plain object of n entities is copied whole by every
// change to it, which at 60 k tasks costs milliseconds per change. The whole document is
// assembled when someone reads it, at most once per revision.
import type { Patch } from 'immer';
import type { AgentView } from './agentView.js';
import type { TaskView } from './taskView.js';
import { frozenCopy, revised } from './viewRevision.js';

export interface StateDocument {
  readonly revision: number;
  readonly agents: Readonly<Record<string, AgentView>>;
  readonly tasks: Readonly<Record<string, TaskView>>;
}

/** The kinds with a view of their own in the document (a channel shows in its agent's). */
export type ViewKind = 'agent' | 'task';

/** The views of one change: `view: undefined` for an entity no longer in memory (a `remove`). */
export type ViewUpdate = { kind: 'agent'; id: string; view: AgentView | undefined } | { kind: 'task'; id: string; view: TaskView | undefined };

/** What one revision changed: the immer patches (paths from the document's root) and the entities whose view changed. */
export interface DocumentChange<U extends ViewUpdate = ViewUpdate> {
  revision: number;
  patches: Patch[];
  /** Each with the view now in the document; `revisedShown`: it revises a view the document had. */
  changed: (U & { revisedShown: boolean })[];
}

type Section = 'agents' | 'tasks';
type View = AgentView | TaskView;
const SECTION: Record<ViewKind, Section> = { agent: 'agents', task: 'tasks' };

export class ViewDocument {
  private readonly views: Record<Section, Map<string, View>> = { agents: new Map(), tasks: new Map() };
  private revisionNumber = 0;
  private assembled: StateDocument | undefined;

  agent(id: string): AgentView | undefined {
    return this.views.agents.get(id) as AgentView | undefined;
  }

  task(id: string): TaskView | undefined {
    return this.views.tasks.get(id) as TaskView | undefined;
  }

  agents(): IterableIterator<AgentView> {
    return this.views.agents.values() as IterableIterator<AgentView>;
  }

  tasks(): IterableIterator<TaskView> {
    return this.views.tasks.values() as IterableIterator<TaskView>;
  }

  /**
   * The whole document: the same object until the next revision (its views are the maps' own).
   * Ids in order, as in `replay`'s document, so that equal states serialise alike.
   */
  current(): StateDocument {
    this.assembled ??= Object.freeze({
      revision: this.revisionNumber,
      agents: inIdOrder(this.views.agents) as Record<string, AgentView>,
      tasks: inIdOrder(this.views.tasks) as Record<string, TaskView>,
    });
    return this.assembled;
  }

  /** Applies the new views of some entities; a new revision if anything changed, else undefined. */
  apply<U extends ViewUpdate>(updates: readonly U[]): DocumentChange<U> | undefined {
    const patches: Patch[] = [];
    const changed: DocumentChange<U>['changed'] = [];
    for (const update of updates) {
      const section = SECTION[update.kind];
      const views = this.views[section];
      const previous = views.get(update.id);
      const before = patches.length;
      const next = this.nextView(section, update.id, previous, update.view, patches);
      // Keys in another order and nothing else (no patch) is no change.
      if (next === previous || patches.length === before) continue;
      if (next === undefined) views.delete(update.id);
      else views.set(update.id, next);
      changed.push({ ...update, view: next, revisedShown: previous !== undefined } as unknown as U & { revisedShown: boolean });
    }
    if (changed.length === 0) return undefined;
    this.revisionNumber++;
    this.assembled = undefined;
    return { revision: this.revisionNumber, patches, changed };
  }

  /** The view to keep for one entity, with the patches from the one it replaces. */
  private nextView(section: Section, id: string, previous: View | undefined, view: View | undefined, patches: Patch[]): View | undefined {
    if (view === undefined) {
      if (previous !== undefined) patches.push({ op: 'remove', path: [section, id] });
      return undefined;
    }
    if (previous === undefined) {
      const added = frozenCopy(view);
      patches.push({ op: 'add', path: [section, id], value: added });
      return added;
    }
    return revised(previous, view, [section, id], patches);
  }
}

const inIdOrder = (views: Map<string, View>) => Object.freeze(Object.fromEntries([...views].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
