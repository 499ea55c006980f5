// Ties the key cannot order (DESIGN §4.7). An agent's events of one instant (Telax stamps to the
// second and names no work item) fold in the order that forms a valid work lifecycle for each
// task from where the agent was before the instant: offered → accepted → wrapped up → over.
// Lifecycle rank alone puts work ending before new work (release one item and take the next in
// one second), which leaves an offer declined within its own second `reserved`, and an item
// offered, accepted and released in one second `engaged`.
//
// For each task, its events keep the places the key gives them among the instant's events (what
// is not work on a task — sign-in, presence, sign-out — stays where it is) and are put in the
// order with the fewest steps off the lifecycle, the earliest in key order among equals. It is a
// function of the instant's set of events and the state before it, so convergence holds.
// Tasks and channels fold in key order: their rank is their lifecycle order.
import type { CanonicalEvent } from '../events/canonical.js';
import type { Work } from '../events/states.js';
import { compareKeys, type EventKey } from './eventKey.js';
import type { MachineSnapshot } from './ledgerFold.js';

interface Keyed {
  event: CanonicalEvent;
  key: EventKey;
}

/** Puts one entity's events of one instant (in any order) in fold order, given the snapshot before them. */
export type SameInstantOrder = <E extends Keyed>(group: readonly E[], before: MachineSnapshot) => E[];

/** Where each task's work stands in an agent's context (the agent machine's reader). */
export type WorkOf<Context> = (context: Context) => Readonly<Record<string, Work>>;

/** One task's work lifecycle: where its work is, and each step an event takes it. */
type WorkState = Work | 'none';
type Step = Work | 'ended';

/** In key order: work ending ranks before new work (lifecycleRank.ts). */
const STEPS: readonly Step[] = ['ended', 'reserved', 'engaged', 'wrapup'];
const LEVEL: Record<WorkState, number> = { none: 0, reserved: 1, engaged: 2, wrapup: 3 };

/** 0 for the lifecycle's next step; 1 for a skip, a step back, a repeat, or ending work that is not there. */
const stepCost = (from: WorkState, step: Step): number =>
  step === 'ended' ? (from === 'none' ? 1 : 0) : LEVEL[step] === LEVEL[from] + 1 ? 0 : 1;

/** More events of one task in one instant than this fold in key order (the search is bounded). */
const MAX_PATH = 32;

/** The agent's tie rule, reading where its work stood before the instant through `workOf`. */
export function workPaths<Context>(workOf: WorkOf<Context>): SameInstantOrder {
  return (group, before) => byWorkPaths(group, workOf(before.context));
}

function byWorkPaths<E extends Keyed>(group: readonly E[], work: Readonly<Record<string, Work>>): E[] {
  const inKeyOrder = [...group].sort((a, b) => compareKeys(a.key, b.key));
  const slotsByTask = new Map<string, number[]>();
  inKeyOrder.forEach(({ event }, slot) => {
    const task = taskOf(event);
    // Stryker disable next-line ConditionalExpression: events of no task would all take the step 'ended', in key order
    if (task !== undefined) slotsByTask.set(task, [...(slotsByTask.get(task) ?? []), slot]);
  });
  const ordered = [...inKeyOrder];
  for (const [task, slots] of slotsByTask) {
    // Stryker disable next-line ConditionalExpression: one event is its own path (skipped for speed)
    if (slots.length < 2) continue;
    if (slots.length > MAX_PATH) continue;
    // Whether the agent's work was all cleared (a sign-in, a Webex presence) before each slot.
    const clearedBefore = slots.map((slot, index) =>
      inKeyOrder.slice((slots[index - 1] ?? -1) + 1, slot).some(({ event }) => endsAllWork(event)),
    );
    const path = bestPath(
      slots.map((slot) => inKeyOrder[slot]!),
      work[task] ?? 'none',
      clearedBefore,
    );
    slots.forEach((slot, index) => (ordered[slot] = path[index]!));
  }
  return ordered;
}

const taskOf = (event: CanonicalEvent): string | undefined =>
  event.type === 'agent.work' || event.type === 'agent.workEnded' ? event.taskId : undefined;

const stepOf = (event: CanonicalEvent): Step => (event.type === 'agent.work' ? event.work : 'ended');

/**
 * As `agentFactsAfter` (machines/agent.context.ts): these leave the agent with no work at all. A
 * sign-out does too, but ranks after all work (lifecycleRank.ts): it never precedes a task's event.
 */
const endsAllWork = (event: CanonicalEvent): boolean =>
  event.type === 'agent.loggedIn' ||
  // Stryker disable next-line ConditionalExpression: only a presence has `endsWork`; the type check is for the compiler
  (event.type === 'agent.presence' && event.endsWork);

/**
 * One task's events (in key order) in the order of the fewest steps off its lifecycle from
 * `start`, earliest in key order among equals: the cheapest cost of what remains is memoised by
 * how many of each step remain and where the work is, then the path is read off step by step.
 */
function bestPath<E extends Keyed>(events: readonly E[], start: WorkState, clearedBefore: readonly boolean[]): E[] {
  const byStep = STEPS.map((step) => events.filter(({ event }) => stepOf(event) === step));
  const memo = new Map<string, number>();
  const cheapest = (remaining: number[], placed: number, at: WorkState): number => {
    if (placed === events.length) return 0;
    const memoKey = `${remaining.join()}:${at}`;
    const known = memo.get(memoKey);
    if (known !== undefined) return known;
    const from = clearedBefore[placed] ? 'none' : at;
    let best = Number.POSITIVE_INFINITY;
    STEPS.forEach((step, index) => {
      if (remaining[index] === 0) return;
      const rest = remaining.map((count, other) => (other === index ? count - 1 : count));
      best = Math.min(best, stepCost(from, step) + cheapest(rest, placed + 1, step === 'ended' ? 'none' : step));
    });
    memo.set(memoKey, best);
    return best;
  };
  const remaining = byStep.map((events) => events.length);
  const taken = STEPS.map(() => 0);
  const path: E[] = [];
  let at = start;
  for (let placed = 0; placed < events.length; placed++) {
    const from = clearedBefore[placed] ? 'none' : at;
    const total = cheapest(remaining, placed, at);
    const index = STEPS.findIndex((step, candidate) => {
      if (remaining[candidate] === 0) return false;
      const rest = remaining.map((count, other) => (other === candidate ? count - 1 : count));
      return stepCost(from, step) + cheapest(rest, placed + 1, step === 'ended' ? 'none' : step) === total;
    });
    path.push(byStep[index]![taken[index]!++]!);
    remaining[index]!--;
    at = STEPS[index] === 'ended' ? 'none' : (STEPS[index] as Work);
  }
  return path;
}
