// The oracle's reading of DESIGN §4.7, written apart from the ledger's: an agent's facts of one
// instant keep the places the key gives them, except that each task's work facts take the order
// that is the fewest steps off its lifecycle (offered → accepted → wrapped up → over) from where
// that work was before the instant, the earliest in lifecycle order among equals.
import type { Fact, WorkOnTask } from './facts.js';

type Step = WorkOnTask | 'done';
type Where = WorkOnTask | 'none';

/** Lifecycle order of the steps within one instant: work ending first. */
const STEPS: readonly Step[] = ['done', 'reserved', 'engaged', 'wrapup'];
const NEXT: Record<Where, Step> = { none: 'reserved', reserved: 'engaged', engaged: 'wrapup', wrapup: 'done' };

/** A step off the lifecycle: anything but the next step, except that work may end at any point. */
const offLifecycle = (where: Where, step: Step): number => (step === 'done' ? (where === 'none' ? 1 : 0) : NEXT[where] === step ? 0 : 1);

const stepOf = (fact: Fact): Step | undefined => (fact.what === 'work' ? fact.work : fact.what === 'workDone' ? 'done' : undefined);
const taskOf = (fact: Fact): string | undefined => (fact.what === 'work' || fact.what === 'workDone' ? fact.task : undefined);
const clearsWork = (fact: Fact): boolean => fact.what === 'signedIn' || fact.what === 'signedOut' || (fact.what === 'presence' && fact.endsWork);

/** One agent's facts of one instant, in key order, rearranged; `workBefore` says where each task's work was. */
export function inWorkPathOrder<T extends { fact: Fact }>(instant: readonly T[], workBefore: (task: string) => Where): T[] {
  const ordered = [...instant];
  const tasks = new Set(instant.map(({ fact }) => taskOf(fact)).filter((task) => task !== undefined));
  for (const task of tasks) {
    const places = instant.flatMap(({ fact }, place) => (taskOf(fact) === task ? [place] : []));
    if (places.length < 2) continue;
    const cleared = places.map((place, index) => instant.slice(index === 0 ? 0 : places[index - 1]! + 1, place).some(({ fact }) => clearsWork(fact)));
    const steps = places.map((place) => stepOf(instant[place]!.fact)!);
    if (steps.length > MAX_PATH) continue;
    const best = cheapest(steps, workBefore(task), cleared);
    const queues = new Map(STEPS.map((step) => [step, places.filter((place) => stepOf(instant[place]!.fact) === step)]));
    places.forEach((place, index) => (ordered[place] = instant[queues.get(best.steps[index]!)!.shift()!]!));
  }
  return ordered;
}

/** More work facts of one task in one instant than this fold in key order (the ledger's bound). */
const MAX_PATH = 32;

/**
 * The cheapest arrangement of the steps from `start` (the first in lifecycle order among the
 * cheapest), by trying each step first and the cheapest arrangement of the rest after it,
 * remembering the answer for each multiset left and place the work is at.
 */
function cheapest(steps: readonly Step[], start: Where, cleared: readonly boolean[]): { cost: number; steps: Step[] } {
  const known = new Map<string, { cost: number; steps: Step[] }>();
  const solve = (left: readonly Step[], where: Where): { cost: number; steps: Step[] } => {
    if (left.length === 0) return { cost: 0, steps: [] };
    const memo = `${[...left].sort().join()}@${where}`;
    const remembered = known.get(memo);
    if (remembered) return remembered;
    const from = cleared[steps.length - left.length] ? 'none' : where;
    let best: { cost: number; steps: Step[] } | undefined;
    for (const step of STEPS) {
      const at = left.indexOf(step);
      if (at < 0) continue;
      const rest = solve([...left.slice(0, at), ...left.slice(at + 1)], step === 'done' ? 'none' : step);
      const cost = offLifecycle(from, step) + rest.cost;
      if (!best || cost < best.cost) best = { cost, steps: [step, ...rest.steps] };
    }
    known.set(memo, best!);
    return best!;
  };
  return solve(steps, start);
}
