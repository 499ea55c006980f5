// TaskView: a task's state, participants and attributes, derived from its machine snapshot.
import { participatingAgents, type TaskContext, type TaskDurations } from '../../machines/task.context.js';
import type { TaskState } from '../events/states.js';
import type { MachineState } from './agentView.js';

export interface TaskView {
  id: string;
  state: TaskState;
  agents: string[];
  channelType: string | null;
  direction: string | null;
  origin: string | null;
  destination: string | null;
  queueId: string | null;
  outboundType: string | null;
  endReason: string | null;
  endParty: string | null;
  recording: string | null;
  captures: string[];
  /** Time spent in each phase, from event times (queue, ring, talk, hold, suspended, wrap-up). */
  durations: TaskDurations;
  /** Event time at which each state was first entered. */
  enteredAt: Partial<Record<TaskState, number>>;
  gaps: number;
}

export function taskView(id: string, task: MachineState<TaskContext>): TaskView {
  const { attributes, captures, durations, enteredAt, gapCount } = task.context;
  return {
    id,
    state: task.value as TaskState,
    agents: participatingAgents(task.context),
    channelType: attributes.channelType ?? null,
    direction: attributes.direction ?? null,
    origin: attributes.origin ?? null,
    destination: attributes.destination ?? null,
    queueId: attributes.queueId ?? null,
    outboundType: attributes.outboundType ?? null,
    endReason: attributes.endReason ?? null,
    endParty: attributes.endParty ?? null,
    recording: attributes.recording ?? null,
    captures,
    durations,
    enteredAt,
    gaps: gapCount,
  };
}
