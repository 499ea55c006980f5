// The state document (DESIGN §1, §5): every current view in one immutable value,
// `{ revision, agents: {id: AgentView}, tasks: {id: TaskView} }`. A change is applied as immer's
// `produceWithPatches` applies it when only the changed fields are assigned: small immer patches
// (`replace ["agents", "a1", "state"] "engaged"`), unchanged parts of a view kept as the same
// objects, and every view deep-frozen, so what a reader holds never changes under it nor changes
// the engine.
//
// A change comes as the entity's source (its machine snapshots), not as a view: the document keeps
// the source each view was built from, and revises only the fields whose parts of the source the
// fold replaced since (viewFields.ts), each as `revised` (viewRevision.ts) does, with the patches
// immer gives (a property test compares them). A touched view is not built whole again, and a
// field whose parts are unchanged is neither derived nor compared (bench/README.md).
//
// The sections are Maps of frozen views: a plain object of n entities is copied whole by every
// change to it, which at 60 k tasks costs milliseconds per change. The whole document is
// assembled when someone reads it, at most once per revision.
import type { Patch } from 'immer';
import { type AgentSource, type AgentView, deriveAgentView } from './agentView.js';
import { deriveTaskView, type TaskSource, type TaskView } from './taskView.js';
import { builtView, revisedView, type ViewDerivation } from './viewFields.js';
import { frozenCopy } from './viewRevision.js';

export interface StateDocument {
  readonly revision: number;
  readonly agents: Readonly<Record<string, AgentView>>;
  readonly tasks: Readonly<Record<string, TaskView>>;
}

/** The kinds with a view of their own in the document (a channel shows in its agent's). */
export type ViewKind = 'agent' | 'task';

/** The sources of one change: `source: undefined` for an entity no longer in memory (a `remove`). */
export type ViewUpdate = { kind: 'agent'; id: string; source: AgentSource | undefined } | { kind: 'task'; id: string; source: TaskSource | undefined };

/** What one revision changed: the immer patches (paths from the document's root) and the entities whose view changed. */
export interface DocumentChange<U extends ViewUpdate = ViewUpdate> {
  revision: number;
  patches: Patch[];
  /** Each with the view now in the document (none: removed); `revisedShown`: it revises a view the document had. */
  changed: { update: U; view: View | undefined; revisedShown: boolean }[];
}

type Section = 'agents' | 'tasks';
type View = AgentView | TaskView;
type Source = AgentSource | TaskSource;
const SECTION: Record<ViewKind, Section> = { agent: 'agents', task: 'tasks' };
const DERIVATION = { agents: deriveAgentView, tasks: deriveTaskView } as Record<Section, ViewDerivation<Source, View>>;

export class ViewDocument {
  private readonly views: Record<Section, Map<string, View>> = { agents: new Map(), tasks: new Map() };
  /** The source each view in `views` was built from. */
  private readonly sources: Record<Section, Map<string, Source>> = { agents: new Map(), tasks: new Map() };
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

  /** Applies the new sources of some entities; a new revision if any view changed, else undefined. */
  apply<U extends ViewUpdate>(updates: readonly U[]): DocumentChange<U> | undefined {
    const patches: Patch[] = [];
    const changed: DocumentChange<U>['changed'] = [];
    for (const update of updates) {
      const section = SECTION[update.kind];
      const views = this.views[section];
      const sources = this.sources[section];
      const previous = views.get(update.id);
      const { source } = update;
      if (source === undefined) {
        if (previous === undefined) continue;
        views.delete(update.id);
        sources.delete(update.id);
        patches.push({ op: 'remove', path: [section, update.id] });
        changed.push({ update, view: undefined, revisedShown: true });
        continue;
      }
      const before = patches.length;
      const next = this.nextView(section, update.id, previous, source, patches);
      if (next === previous) {
        sources.set(update.id, source);
        continue;
      }
      // Keys in another order and nothing else (no patch) is no change: the view stays, and so
      // does the source it was built from, so that the next revision reorders it.
      if (patches.length === before) continue;
      views.set(update.id, next);
      sources.set(update.id, source);
      changed.push({ update, view: next, revisedShown: previous !== undefined });
    }
    if (changed.length === 0) return undefined;
    this.revisionNumber++;
    this.assembled = undefined;
    return { revision: this.revisionNumber, patches, changed };
  }

  /** The view to keep for one entity, with the patches from the one it replaces. */
  private nextView(section: Section, id: string, previous: View | undefined, source: Source, patches: Patch[]): View {
    const derive = DERIVATION[section];
    if (previous === undefined) {
      const added = frozenCopy(builtView(derive, source, id));
      patches.push({ op: 'add', path: [section, id], value: added });
      return added;
    }
    return revisedView(derive, previous, this.sources[section].get(id)!, source, id, [section, id], patches);
  }
}

const inIdOrder = (views: Map<string, View>) => Object.freeze(Object.fromEntries([...views].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
