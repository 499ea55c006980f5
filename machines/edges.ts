// How the channel and task lifecycles are written (DESIGN §3): each state lists its nominal edges
// (`step`, one per step of the lifecycle's table) and the assertion of itself (`stays`, attributes
// only); any other assertion bubbles up to the machine's root, where one resync edge per state
// (`resync`) takes it into the state it asserts and the lifecycle's table decides whether that
// skipped states (a gap).
import { enqueueActions, type EventObject, type GuardPredicate, type MachineContext, stateIn } from 'xstate';
import type { Lifecycle } from './gaps.js';

export interface AssertionParams<S extends string> {
  from: S;
  to: S;
}

/** A nominal edge of the lifecycle. */
export const step = <S extends string>(from: S, to: S) => ({
  target: to,
  actions: { type: 'recordAssertion' as const, params: { from, to } satisfies AssertionParams<S> },
});

/**
 * The nominal edges out of `from`: one per step the lifecycle's table allows, taken by the
 * assertion of its target (`<kind>.<to>`), so the chart draws exactly the steps that are no gap.
 */
export const lifecycleSteps = <K extends string, S extends string>(kind: K, lifecycle: Lifecycle<S>, from: S) =>
  Object.fromEntries(lifecycle[from].map((to) => [`${kind}.${to}`, step(from, to)])) as Partial<Record<`${K}.${S}`, ReturnType<typeof step<S>>>>;

/** An assertion that keeps the entity where it is: its attributes are recorded. */
export const stays = <S extends string>(state: S) => ({
  actions: { type: 'recordAssertion' as const, params: { from: state, to: state } satisfies AssertionParams<S> },
});

/** The resync group's edge into `to`, from whichever state did not list the assertion. */
export const resync = <S extends string>(to: S) => ({ target: `.${to}` as const, actions: { type: 'recordResync' as const, params: { to } } });

/** At the root, an assertion recorded where the entity is (attributes only). */
export const staysAnywhere = { actions: { type: 'recordResync' as const, params: {} } };

/**
 * The action of the root's edges: `record(context, event, from, to)` with `from` the state the
 * snapshot is in. A root edge is written once for every state, so `from` is not in its params;
 * the snapshot knows it, and `enqueueActions` can ask through `stateIn` guards.
 */
export function recordAtRoot<S extends string, C extends MachineContext, E extends EventObject>(
  states: readonly S[],
  record: (context: C, event: E, from: S, to: S) => C,
) {
  type StateGuard = GuardPredicate<MachineContext, EventObject, undefined, never>;
  // `stateIn` types the guards it could name as `any`, which `check` refuses inside `setup`.
  const inState = Object.fromEntries(states.map((state) => [state, stateIn(state) as StateGuard])) as Record<S, StateGuard>;
  return enqueueActions<C, E, { to?: S }, E, never, never, never, never, never>(({ check, enqueue }, { to }) => {
    const from = states.find((state) => check(inState[state]));
    if (from === undefined) throw new Error('the snapshot is in none of the machine states');
    enqueue.assign(({ context, event }) => record(context, event, from, to ?? from));
  });
}
