// A machine's transition without XState's microstep machinery, derived from the machine itself
// at start-up. The transition is chosen as XState chooses it: the candidates its state nodes list
// for the event type (the state's own, then the root's), the first whose guard XState's own
// `evaluateGuard` passes (the list per state × event type is read from the machine once, on first
// use); in a state where a wildcard descriptor (`task.*`) could match, XState's
// `getTransitionData` chooses, as it matches descriptors itself. What is derived is applying it: the target state's parts of a snapshot (value, state
// nodes, tags), resolved once per state by XState's `resolveState`, and the transition's own named
// actions, run as XState runs them (an `assign`'s assignment on the context; an `enqueueActions`
// collected by XState's own resolver, then its assigns). There is no second copy of any
// lifecycle: a machine edited in `machines/` is derived again at the next start.
//
// Only the machines of the shape this covers are derived: atomic states directly under the root,
// no entry or exit actions, eventless (`always`), delayed, invoked, history or final states, each
// transition into at most one of those states, actions that are assigns or enqueue assigns. Any
// other machine gets `undefined` (the fold then uses `machine.transition`), and an event the path
// does not cover (an `xstate.*` event, a snapshot that is not active, an enqueued action that is
// no assign) goes to `machine.transition` too. `derivedTransition.property.test.ts` holds it equal
// to `machine.transition` for every state × every assertion × generated contexts.
import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine, EventObject, MachineContext } from 'xstate';
import { evaluateGuard } from 'xstate/guards';

export type Transition = (snapshot: AnyMachineSnapshot, event: EventObject) => AnyMachineSnapshot;

type StateNode = AnyStateMachine['root'];
type TransitionDefinition = ReturnType<AnyStateMachine['getTransitionData']>[number];
type ActionArgs = { context: MachineContext; event: EventObject; self: AnyActorScope['self']; system: AnyActorScope['system']; spawn: () => never };
type Assignment = ((args: ActionArgs, params: unknown) => object) | Record<string, unknown>;
/** XState's built-in actions carry their own resolver (`assign`, `enqueueActions`). */
interface BuiltinAction {
  type: string;
  assignment?: Assignment;
  collect?: unknown;
  resolve: (scope: AnyActorScope, snapshot: AnyMachineSnapshot, args: ActionArgs, params: unknown, action: unknown, extra: unknown) => [unknown, unknown, unknown[]?];
}
/** One action of a transition, resolved to the machine's implementation. */
interface ActionStep {
  action: BuiltinAction;
  params: unknown;
}
/** What taking a transition does: the actions, and the target's snapshot parts (none: it stays). */
interface Plan {
  steps: ActionStep[];
  target: Target | undefined;
}
/** A transition XState may choose: its guard (none: always taken) and what taking it does. */
interface Candidate {
  guard: TransitionDefinition['guard'];
  plan: Plan;
}
/** A state a transition enters: its snapshot parts as XState resolves them, its node, and [root, node]. */
interface Target {
  snapshot: AnyMachineSnapshot;
  leaf: StateNode;
  rootAndLeaf: StateNode[];
}

export function derivedTransition(machine: AnyStateMachine, scope: AnyActorScope): Transition | undefined {
  const plans = plansOf(machine);
  if (!plans) return undefined;
  const candidatesOf = candidatesFrom(machine, plans);
  const reference: Transition = (snapshot, event) => machine.transition(snapshot, event, scope);
  /** The plan of the transition XState would take, or undefined when none is enabled. */
  const chosen = (snapshot: AnyMachineSnapshot, event: EventObject): Plan | undefined => {
    const candidates = candidatesOf(snapshot.value as string, event.type);
    if (!candidates) {
      const selected = machine.getTransitionData(snapshot, event);
      return selected.length > 0 ? plans.get(selected[0]!) : undefined;
    }
    for (const { guard, plan } of candidates) if (!guard || evaluateGuard(guard, snapshot.context, event, snapshot)) return plan;
    return undefined;
  };
  const spawn = (): never => {
    throw new Error(`${machine.id}: the machine asked to spawn; folded machines may only assign`);
  };

  return (snapshot, event) => {
    if (snapshot.status !== 'active' || typeof snapshot.value !== 'string' || event.type.startsWith('xstate.')) return reference(snapshot, event);
    let plan: Plan | undefined;
    try {
      plan = chosen(snapshot, event);
    } catch {
      // A guard that throws: XState's own transition reports it, in its words.
      return reference(snapshot, event);
    }
    if (!plan) return snapshot;
    let context = snapshot.context as MachineContext;
    for (const { action, params: given } of plan.steps) {
      // One object for the action's arguments: XState passes `spawn` to an assign's, and its
      // enqueue resolver takes what it needs from the same fields.
      const args: ActionArgs = { context, event, self: scope.self, system: scope.system, spawn };
      const params = typeof given === 'function' ? given({ context, event }) : given;
      if (action.assignment) {
        context = assigned(action.assignment, args, params);
        continue;
      }
      // The actions an `enqueueActions` collects, as XState's resolver collects them (its `check`
      // sees the state the transition leaves, as during XState's own transition).
      const before = context === snapshot.context ? snapshot : snapshotWith(snapshot, context, undefined);
      const enqueued = action.resolve(scope, before, args, params, action, { internalQueue: [] })[2] ?? [];
      for (const queued of enqueued) {
        const assignment = (queued as Partial<BuiltinAction>).assignment;
        if (!assignment) return reference(snapshot, event);
        context = assigned(assignment, { context, event, self: scope.self, system: scope.system, spawn }, undefined);
      }
    }
    return snapshotWith(snapshot, context, plan.target);
  };
}

/** XState's `assign`: the assignment's partial update over a copy of the context. */
function assigned(assignment: Assignment, args: ActionArgs, params: unknown): MachineContext {
  if (typeof assignment === 'function') return Object.assign({}, args.context, assignment(args, params));
  const partial: Record<string, unknown> = {};
  for (const key of Object.keys(assignment)) {
    const value = assignment[key];
    partial[key] = typeof value === 'function' ? value(args, params) : value;
  }
  return Object.assign({}, args.context, partial);
}

/**
 * The snapshot XState makes after a transition (`createMachineSnapshot`, same fields in the same
 * order): the new context, in the target state if there is one. Entering another state drops the
 * state left from the state nodes and appends the target, as XState's microstep does; staying (or
 * re-entering the same state) keeps them.
 */
function snapshotWith(snapshot: AnyMachineSnapshot, context: MachineContext, target: Target | undefined): AnyMachineSnapshot {
  const into = target?.snapshot ?? snapshot;
  return {
    status: snapshot.status,
    output: snapshot.output,
    error: snapshot.error,
    machine: snapshot.machine,
    context,
    _nodes: target ? nodesAfter(snapshot._nodes, target) : snapshot._nodes,
    value: into.value,
    tags: into.tags,
    children: snapshot.children,
    historyValue: snapshot.historyValue,
    matches: snapshot.matches,
    hasTag: snapshot.hasTag,
    can: snapshot.can,
    getMeta: snapshot.getMeta,
    toJSON: snapshot.toJSON,
  } as AnyMachineSnapshot;
}

function nodesAfter(nodes: StateNode[], target: Target): StateNode[] {
  if (nodes.includes(target.leaf)) return nodes;
  // The usual form, [root, state], is shared by every snapshot in the target state.
  if (nodes.length === 2 && nodes[0] === target.rootAndLeaf[0]) return target.rootAndLeaf;
  return [...nodes.filter((node) => node.type !== 'atomic'), target.leaf];
}

/**
 * The transitions XState's `StateNode.next` tries for an event in a state, in its order: the
 * state's own for the event type, then the root's (an atomic state's parent). Read from the state
 * nodes once per state × event type; undefined in a state where a wildcard descriptor is listed.
 */
function candidatesFrom(machine: AnyStateMachine, plans: Map<TransitionDefinition, Plan>): (state: string, type: string) => Candidate[] | undefined {
  const byState = new Map<string, Map<string, Candidate[]> | undefined>();
  const hasWildcard = (node: StateNode) => [...node.transitions.keys()].some((descriptor) => descriptor.includes('*'));
  const listed = (node: StateNode, type: string) => (node.transitions.get(type) ?? []).map((transition) => ({ guard: transition.guard, plan: plans.get(transition)! }));
  return (state, type) => {
    let byType = byState.get(state);
    if (byType === undefined) {
      if (byState.has(state)) return undefined;
      const node = machine.root.states[state]!;
      byType = hasWildcard(node) || hasWildcard(machine.root) ? undefined : new Map();
      byState.set(state, byType);
      if (!byType) return undefined;
    }
    let candidates = byType.get(type);
    if (!candidates) byType.set(type, (candidates = [...listed(machine.root.states[state]!, type), ...listed(machine.root, type)]));
    return candidates;
  };
}

/** Every transition of the machine with its plan, or undefined when the machine is not of the covered shape. */
function plansOf(machine: AnyStateMachine): Map<TransitionDefinition, Plan> | undefined {
  const { root } = machine;
  const states = Object.values(root.states) as StateNode[];
  if (root.type !== 'compound' || !states.every((state) => state.type === 'atomic')) return undefined;
  const targets = new Map<StateNode, Target>(
    states.map((state) => [state, { snapshot: machine.resolveState({ value: state.key, context: {} }), leaf: state, rootAndLeaf: [root, state] }]),
  );
  const plans = new Map<TransitionDefinition, Plan>();
  for (const node of [root, ...states]) {
    if (node.entry.length || node.exit.length || node.always?.length || node.invoke.length || node.after.length) return undefined;
    for (const transitions of node.transitions.values()) {
      for (const transition of transitions) {
        const plan = planOf(machine, transition, targets);
        if (!plan) return undefined;
        plans.set(transition, plan);
      }
    }
  }
  return plans;
}

function planOf(machine: AnyStateMachine, transition: TransitionDefinition, targets: Map<StateNode, Target>): Plan | undefined {
  const target = transition.target;
  if (target && (target.length !== 1 || !targets.has(target[0]!))) return undefined;
  const steps: ActionStep[] = [];
  for (const action of transition.actions as unknown[]) {
    const named = typeof action === 'string' ? { type: action } : (action as { type?: string; params?: unknown });
    const implementation = (typeof action === 'function' ? action : machine.implementations.actions[named.type ?? '']) as BuiltinAction | undefined;
    const covered = implementation?.type === 'xstate.assign' || implementation?.type === 'xstate.enqueueActions';
    if (!covered) return undefined;
    steps.push({ action: implementation, params: typeof action === 'function' ? undefined : named.params });
  }
  return { steps, target: target ? targets.get(target[0]!) : undefined };
}
