// What each queue is doing now: the tasks in memory waiting in it, offered to an agent, or in
// progress, per channel type. A task is in at most one place; it moves as its view changes and
// leaves when it leaves memory.
import type { TaskState } from '../events/states.js';
import type { QueueLiveKpis } from './kpiTypes.js';

export type LivePlace = 'waiting' | 'offered' | 'inProgress';

/** Where a task is now, with the time it entered its current state (the start of its wait). */
export interface LiveEntry {
  queueId: string;
  channelType: string | null;
  place: LivePlace;
  since: number;
}

const PLACE_OF: Partial<Record<TaskState, LivePlace>> = {
  queued: 'waiting',
  offered: 'offered',
  connected: 'inProgress',
  held: 'inProgress',
  consulting: 'inProgress',
  conferencing: 'inProgress',
  suspended: 'inProgress',
};

export function liveEntryOf(task: { queueId: string | null; channelType: string | null; state: TaskState }, since: number | null): LiveEntry | undefined {
  const place = PLACE_OF[task.state];
  if (task.queueId === null || place === undefined) return undefined;
  return { queueId: task.queueId, channelType: task.channelType, place, since: since ?? 0 };
}

/** The tasks of one queue and channel type now, by place; waiting ones with the time they entered the queue. */
interface LiveTasks {
  waiting: Map<string, number>;
  offered: Set<string>;
  inProgress: Set<string>;
}

export class QueueLive {
  /** queue id → channel type ('' for none) → tasks. */
  private readonly queues = new Map<string, Map<string, LiveTasks>>();

  move(taskId: string, from: LiveEntry | undefined, to: LiveEntry | undefined): void {
    if (from) this.remove(taskId, from);
    if (to) this.add(taskId, to);
  }

  queueIds(): string[] {
    return [...this.queues.keys()];
  }

  channelTypes(queueId: string): (string | null)[] {
    return [...(this.queues.get(queueId)?.keys() ?? [])].map((key) => key || null);
  }

  /** The queue's live KPIs as of `now`, one channel type or all (undefined). */
  kpis(queueId: string, channelType: string | null | undefined, now: number): QueueLiveKpis {
    const live: QueueLiveKpis = { waiting: 0, longestWaitMs: null, offered: 0, inProgress: 0 };
    let earliest: number | undefined;
    for (const [channel, tasks] of this.queues.get(queueId) ?? []) {
      if (channelType !== undefined && channel !== (channelType ?? '')) continue;
      live.waiting += tasks.waiting.size;
      live.offered += tasks.offered.size;
      live.inProgress += tasks.inProgress.size;
      for (const since of tasks.waiting.values()) if (earliest === undefined || since < earliest) earliest = since;
    }
    if (earliest !== undefined) live.longestWaitMs = Math.max(0, now - earliest);
    return live;
  }

  private add(taskId: string, entry: LiveEntry): void {
    let channels = this.queues.get(entry.queueId);
    if (!channels) this.queues.set(entry.queueId, (channels = new Map()));
    const key = entry.channelType ?? '';
    let tasks = channels.get(key);
    if (!tasks) channels.set(key, (tasks = { waiting: new Map(), offered: new Set(), inProgress: new Set() }));
    if (entry.place === 'waiting') tasks.waiting.set(taskId, entry.since);
    else tasks[entry.place].add(taskId);
  }

  private remove(taskId: string, entry: LiveEntry): void {
    const channels = this.queues.get(entry.queueId);
    const tasks = channels?.get(entry.channelType ?? '');
    if (!channels || !tasks) return;
    tasks[entry.place].delete(taskId);
    if (tasks.waiting.size + tasks.offered.size + tasks.inProgress.size > 0) return;
    channels.delete(entry.channelType ?? '');
    if (channels.size === 0) this.queues.delete(entry.queueId);
  }
}
