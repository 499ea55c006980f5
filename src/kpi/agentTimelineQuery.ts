// An agent's timeline over a range, from its points: the intervals clipped to [from, to), and the
// time per day spent in each state, logged in, and idle per idle code. Pure.
import { AGENT_STATES, type AgentState } from '../events/states.js';
import type { TimelinePoint } from './agentTimelines.js';
import type { AgentDayTotals, AgentInterval, AgentTimeline, AgentTimelineQuery } from './kpiTypes.js';
import type { TimeZoneDays } from './timeZoneDays.js';

export function agentTimelineOf(
  agentId: string,
  points: readonly TimelinePoint[],
  { from, to }: AgentTimelineQuery,
  asOf: number,
  days: TimeZoneDays,
): AgentTimeline {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) throw new RangeError(`agentTimeline(${agentId}): from ${from} and to ${to} must be event times with from < to`);
  const intervals: AgentInterval[] = [];
  const totals = new Map<number, AgentDayTotals>();
  points.forEach((point, index) => {
    const next = points[index + 1]?.time ?? null;
    if (point.time >= to || (next !== null && next <= from)) return;
    const start = Math.max(point.time, from);
    intervals.push({ state: point.state, idleCode: point.idleCode, tasks: [...point.tasks], from: start, to: next === null ? null : Math.min(next, to) });
    addToTotals(totals, point, start, Math.min(next ?? asOf, to), days);
  });
  return { agentId, from, to, asOf, intervals, totals: [...totals.values()].sort((a, b) => a.day - b.day) };
}

/** Adds [start, end) spent as `point` has it to the totals of the days it spans. */
function addToTotals(totals: Map<number, AgentDayTotals>, point: TimelinePoint, start: number, end: number, days: TimeZoneDays): void {
  for (let dayStart = start; dayStart < end; ) {
    const day = days.dayStart(dayStart);
    const dayEnd = Math.min(days.nextDayStart(dayStart), end);
    const ms = dayEnd - dayStart;
    let dayTotals = totals.get(day);
    if (!dayTotals) totals.set(day, (dayTotals = emptyDay(day)));
    dayTotals.byState[point.state] += ms;
    if (point.state !== 'loggedOut') dayTotals.loggedInMs += ms;
    if (point.state === 'idle') {
      const code = point.idleCode?.id ?? point.idleCode?.name ?? '';
      dayTotals.idleByCode[code] = (dayTotals.idleByCode[code] ?? 0) + ms;
    }
    dayStart = dayEnd;
  }
}

const emptyDay = (day: number): AgentDayTotals => ({
  day,
  loggedInMs: 0,
  byState: Object.fromEntries(AGENT_STATES.map((state) => [state, 0])) as Record<AgentState, number>,
  idleByCode: {},
});
