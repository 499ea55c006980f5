// A machine's chart, read from its definition (DESIGN §3 "Shape for the reader and the
// inspector"): the nominal edges its states list, the assertions that keep a state where it is,
// and the root-level resync group. `contactstate diagram` draws it; tests walk it.
import type { AnyStateMachine, AnyStateNode } from 'xstate';

/** A nominal edge: `event` in state `from` moves to `to`. */
interface ChartEdge {
  from: string;
  to: string;
  event: string;
  guard?: string;
}

/** An assertion that keeps `state` where it is (attributes only), under `guard` if any. */
interface ChartStay {
  state: string;
  event: string;
  guard?: string;
}

/** The resync group's handling of one assertion, from any state that does not list it. */
export interface ChartResync {
  event: string;
  /** The states it can move to; empty when it only records attributes. */
  to: string[];
}

export interface MachineChart {
  id: string;
  initial: string;
  states: string[];
  edges: ChartEdge[];
  stays: ChartStay[];
  resync: ChartResync[];
}

export function machineChart(machine: AnyStateMachine): MachineChart {
  const root = machine.root;
  const states = Object.keys(root.states);
  const edges: ChartEdge[] = [];
  const stays: ChartStay[] = [];
  for (const state of states) {
    for (const transition of transitionsOf(root.states[state]!)) {
      const target = transition.target?.[0]?.key;
      const guard = guardName(transition.guard);
      const event = transition.eventType;
      if (target === undefined || target === state) stays.push({ state, event, ...(guard ? { guard } : {}) });
      else edges.push({ from: state, to: target, event, ...(guard ? { guard } : {}) });
    }
  }
  const resync = Object.entries(root.on).map(([event, transitions]) => ({
    event,
    to: [...new Set(transitions.flatMap((transition) => transition.target?.map((target) => target.key) ?? []))],
  }));
  return { id: root.id, initial: String(root.initial?.target[0]?.key), states, edges, stays, resync };
}

function transitionsOf(node: AnyStateNode) {
  return Object.values(node.on).flat();
}

/** A guard's name, with its params where it has any (`movesOnlyTheAgent(to: wrapup)`). */
function guardName(guard: unknown): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    const args = params ? Object.entries(params).map(([key, value]) => `${key}: ${String(value)}`) : [];
    return args.length ? `${type}(${args.join(', ')})` : type;
  }
  return 'guard';
}
