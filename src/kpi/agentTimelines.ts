// Each agent's timeline: the points where its state, idle code or tasks changed, in time order.
// The part its ledger still holds (its base and the events within the horizon) mirrors the
// ledger's fold: when an event is placed at time t, the points from t on are taken again from the
// ledger, so an event placed out of order corrects them as it corrects the view. The part before
// is history the ledger compacted: final. Kept: the points of the last `keepDays` days (and the
// one in force when they start), per agent; an agent that left memory keeps its points.
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

  constructor(saved: TimelinesSnapshot = []) {
    this.points = new Map(saved.map(([agentId, points]) => [agentId, points.map((point) => ({ ...point }))]));
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
    const oldestHeld = timeline.oldestTime;
    if (timeline.baseKey !== null && (oldestHeld === undefined || from < oldestHeld)) {
      push(points, pointOf(Math.max(timeline.baseKey.time, from), timeline.base));
    }
    for (const { time, after } of timeline.statesFrom(from)) push(points, pointOf(time, after));
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
    for (const points of this.points.values()) {
      let drop = 0;
      while (drop + 1 < points.length && points[drop + 1]!.time <= from) drop++;
      points.splice(0, drop);
    }
  }

  toJSON(): TimelinesSnapshot {
    return [...this.points].map(([agentId, points]) => [agentId, points.map((point) => ({ ...point }))]);
  }
}

function pointOf(time: number, snapshot: FoldedSnapshot): TimelinePoint {
  const context = snapshot.context as AgentContext;
  return { time, state: snapshot.value as AgentState, idleCode: context.idleCode, tasks: Object.keys(context.work).filter((taskId) => taskId !== '').sort() };
}

/** Appends a point unless the agent is as the last point has it already. */
function push(points: TimelinePoint[], point: TimelinePoint): void {
  const last = points.at(-1);
  if (last && last.state === point.state && sameIdleCode(last.idleCode, point.idleCode) && sameTasks(last.tasks, point.tasks)) return;
  points.push(point);
}

const sameIdleCode = (a: IdleCode | null, b: IdleCode | null): boolean => a === b || (a !== null && b !== null && a.id === b.id && a.name === b.name);

const sameTasks = (a: string[], b: string[]): boolean => a.length === b.length && a.every((taskId, index) => b[index] === taskId);
