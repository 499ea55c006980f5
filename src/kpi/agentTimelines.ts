// Each agent's timeline: the points where its state, idle code or tasks changed, in time order;
// a point is the agent as the last step of its instant leaves it. The part its ledger still holds
// (its base and the events within the horizon) mirrors the ledger's fold: when an event is placed
// at time t, the points from t on are taken again from the ledger, so an event placed out of order
// corrects them as it corrects the view. An event at the newest instant (every in-order one) takes
// its point from the ledger's current snapshot, with nothing refolded. The part before is history
// the ledger compacted: final. Kept: the points of the last `keepDays` days (and the one in force
// when they start), per agent; an agent that left memory keeps its points.
import type { AgentContext } from '../../machines/agent.context.js';
import type { IdleCode } from '../events/canonical.js';
import type { AgentState } from '../events/states.js';
import type { FoldTimeline } from '../ledger/foldTimeline.js';

/** The agent from `time` on: its state, idle code and tasks. */
export interface TimelinePoint {
  time: number;
  state: AgentState;
  idleCode: IdleCode | null;
  tasks: string[];
}

/** An agent's points, as a snapshot holds them. */
export type TimelinesSnapshot = [string, TimelinePoint[]][];

type FoldedSnapshot = ReturnType<FoldTimeline['statesFrom']>[number]['after'];

export class AgentTimelines {
  private readonly points: Map<string, TimelinePoint[]>;
  keptFrom = -Infinity;

  /** `keptFrom`: where `saved` starts (a checkpoint holds the points from its day on). */
  constructor(saved: TimelinesSnapshot = [], keptFrom = -Infinity) {
    this.points = new Map(saved.map(([agentId, points]) => [agentId, points.map((point) => ({ ...point }))]));
    this.keptFrom = keptFrom;
  }

  has(agentId: string): boolean {
    return this.points.has(agentId);
  }

  /**
   * Takes the agent's points from `from` on again from its ledger's timeline: its base (when `from`
   * reaches back past what the ledger holds) and the steps it holds from `from` on.
   */
  placedFrom(agentId: string, timeline: FoldTimeline, from: number): void {
    let points = this.points.get(agentId);
    if (!points) this.points.set(agentId, (points = []));
    while (points.length > 0 && points.at(-1)!.time >= from) points.pop();
    if (from === timeline.newestTime) {
      // Every step from `from` on is of the newest instant: the agent is as the ledger has it now.
      push(points, pointOf(from, timeline.current));
    } else {
      const oldestHeld = timeline.oldestTime;
      if (timeline.baseKey !== null && (oldestHeld === undefined || from < oldestHeld)) {
        push(points, pointOf(Math.max(timeline.baseKey.time, from), timeline.base));
      }
      for (const { time, after } of timeline.statesFrom(from)) push(points, pointOf(time, after));
    }
    while (points.length > 1 && points[1]!.time <= this.keptFrom) points.shift();
  }

  /** The agent's points (none for an agent never seen). */
  of(agentId: string): readonly TimelinePoint[] {
    return this.points.get(agentId) ?? [];
  }

  /** Drops the points older than `from` but the one in force at `from`. */
  keepFrom(from: number): void {
    if (from <= this.keptFrom) return;
    this.keptFrom = from;
    for (const points of this.points.values()) points.splice(0, inForceAt(points, from));
  }

  /** The points from `from` on (and the one in force at `from`), per agent. */
  toJSON(from = -Infinity): TimelinesSnapshot {
    return [...this.points].map(([agentId, points]) => [agentId, points.slice(inForceAt(points, from)).map((point) => ({ ...point }))]);
  }
}

function pointOf(time: number, snapshot: FoldedSnapshot): TimelinePoint {
  const context = snapshot.context as AgentContext;
  return { time, state: snapshot.value as AgentState, idleCode: context.idleCode, tasks: tasksOf(context.work) };
}

/** The agent's tasks, in id order (a loop: this runs for every agent event). */
function tasksOf(work: AgentContext['work']): string[] {
  const tasks: string[] = [];
  for (const taskId in work) if (taskId !== '') tasks.push(taskId);
  return tasks.length > 1 ? tasks.sort() : tasks;
}

/** The position of the point in force at `time` (0 when none is yet). */
function inForceAt(points: readonly TimelinePoint[], time: number): number {
  let position = 0;
  while (position + 1 < points.length && points[position + 1]!.time <= time) position++;
  return position;
}

/** Appends a point (in place of one of the same instant) unless the agent is as the last point has it already. */
function push(points: TimelinePoint[], point: TimelinePoint): void {
  if (points.at(-1)?.time === point.time) points.pop();
  const last = points.at(-1);
  if (last && last.state === point.state && sameIdleCode(last.idleCode, point.idleCode) && sameTasks(last.tasks, point.tasks)) return;
  points.push(point);
}

const sameIdleCode = (a: IdleCode | null, b: IdleCode | null): boolean => a === b || (a !== null && b !== null && a.id === b.id && a.name === b.name);

const sameTasks = (a: string[], b: string[]): boolean => a.length === b.length && a.every((taskId, index) => b[index] === taskId);
