// TaskView: a task's state, participants and attributes, derived from its machine snapshot, field
// by field (viewFields.ts): each field with the parts of the snapshot it reads.
import { participatingAgents, type TaskContext, type TaskDurations } from '../../machines/task.context.js';
import type { TaskAttributes } from '../events/canonical.js';
import type { TaskState } from '../events/states.js';
import type { MachineState } from './agentView.js';
import { idField, type ViewField, ViewDefinition } from './viewFields.js';

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

/** What a task's view is derived from: its machine snapshot. */
export type TaskSource = MachineState<TaskContext>;

/** A field read from one part of the task's context. */
const fromContext = <K extends keyof TaskContext, T>(key: K, value: (part: TaskContext[K]) => T): ViewField<TaskSource, T> => ({
  changed: (previous, next) => previous.context[key] !== next.context[key],
  value: (task) => value(task.context[key]),
});

const attribute = (name: keyof TaskAttributes) => fromContext('attributes', (attributes) => attributes[name] ?? null);

export const TASK_VIEW = new ViewDefinition<TaskSource, TaskView>({
  id: idField,
  state: { changed: (previous, next) => previous.value !== next.value, value: (task) => task.value as TaskState },
  // participatingAgents reads the participants alone.
  agents: { changed: (previous, next) => previous.context.participants !== next.context.participants, value: (task) => participatingAgents(task.context) },
  channelType: attribute('channelType'),
  direction: attribute('direction'),
  origin: attribute('origin'),
  destination: attribute('destination'),
  queueId: attribute('queueId'),
  outboundType: attribute('outboundType'),
  endReason: attribute('endReason'),
  endParty: attribute('endParty'),
  recording: attribute('recording'),
  captures: fromContext('captures', (captures) => captures),
  durations: fromContext('durations', (durations) => durations),
  enteredAt: fromContext('enteredAt', (enteredAt) => enteredAt),
  gaps: fromContext('gapCount', (gapCount) => gapCount),
});

export const taskView = (id: string, task: TaskSource): TaskView => TASK_VIEW.build(task, id);
