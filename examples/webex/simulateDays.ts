// A contact center day after day (the soak test and the soak benchmark): the same agents every day,
// tasks of their own each day (ids prefixed with the day). The simulation stops mid-activity at the
// end of its period, so the tasks that arrive in its last two hours are left out (every line naming
// them): a task whose end never comes stays in memory, which would be the feed's leak, not the
// engine's. Every agent logs out an hour before the day ends (a shift), so that each has all its
// channels from the first day (logging out asserts every channel).
import type { TimedDelivery } from '../disorder.js';
import { simulateContactCenter } from './simulateContactCenter.js';
import * as webhook from './webhooks.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DayOptions {
  agents: number;
  tasksPerDay: number;
  /** Epoch ms of day 0's start. */
  start: number;
}

/** Day `day`'s deliveries, in event-time order. */
export function simulateDay(day: number, { agents, tasksPerDay, start }: DayOptions): TimedDelivery[] {
  const dayStart = start + day * DAY;
  const feed = simulateContactCenter({ agents, tasks: tasksPerDay, durationMs: DAY, seed: day + 1, start: dayStart });
  const taskOf = (line: string) => /"taskId":"([^"]+)"/.exec(line)?.[1];
  const cutOff = new Set(feed.flatMap(({ time, line }) => (time > dayStart + DAY - 2 * HOUR && line.includes('"type":"task:new"') ? [taskOf(line)!] : [])));
  const shiftEnd = Array.from({ length: agents }, (_, index) => ({
    time: dayStart + DAY - HOUR,
    line: JSON.stringify(webhook.agentLogout(`d${day}-logout-${index}`, dayStart + DAY - HOUR, `agent-${String(index + 1).padStart(4, '0')}`)),
  }));
  const tasks = feed
    .filter(({ line }) => !cutOff.has(taskOf(line) ?? ''))
    .map(({ time, line }) => ({ time, line: line.replaceAll('"taskId":"task-', `"taskId":"d${day}-task-`) }));
  return [...tasks, ...shiftEnd].sort((a, b) => a.time - b.time);
}
