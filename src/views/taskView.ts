// TaskView: a task's state, participants and attributes, derived from its machine snapshot field
// by field, each from the parts of the snapshot it reads (viewFields.ts).
import { participatingAgents, type TaskContext, type TaskDurations } from '../../machines/task.context.js';
import type { TaskState } from '../events/states.js';
import type { MachineState } from './agentView.js';
import { builtView, type ViewDerivation } from './viewFields.js';

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

/** The task's view fields whose parts of its snapshot differ from those in `before` (all without one). */
export const deriveTaskView: ViewDerivation<TaskSource, TaskView> = (task, id, before, into) => {
  if (!before) into.set('id', id);
  if (!before || before.value !== task.value) into.set('state', task.value as TaskState);
  const { context } = task;
  const earlier = before?.context;
  if (!earlier || earlier.participants !== context.participants) into.set('agents', participatingAgents(context));
  if (!earlier || earlier.attributes !== context.attributes) {
    const { attributes } = context;
    into.set('channelType', attributes.channelType ?? null);
    into.set('direction', attributes.direction ?? null);
    into.set('origin', attributes.origin ?? null);
    into.set('destination', attributes.destination ?? null);
    into.set('queueId', attributes.queueId ?? null);
    into.set('outboundType', attributes.outboundType ?? null);
    into.set('endReason', attributes.endReason ?? null);
    into.set('endParty', attributes.endParty ?? null);
    into.set('recording', attributes.recording ?? null);
  }
  if (!earlier || earlier.captures !== context.captures) into.set('captures', context.captures);
  if (!earlier || earlier.durations !== context.durations) into.set('durations', context.durations);
  if (!earlier || earlier.enteredAt !== context.enteredAt) into.set('enteredAt', context.enteredAt);
  if (!earlier || earlier.gapCount !== context.gapCount) into.set('gaps', context.gapCount);
};

export const taskView = (id: string, task: TaskSource): TaskView => builtView(deriveTaskView, task, id);
