// What is kept of an entity that left memory (DESIGN §4.9): a finished task, or a logged-out
// agent with its channels, a retention period after its last event. The engine remembers its
// tombstone for one more retention period (to answer a later event for it); a durable store keeps
// its final view, to answer for it by id.
import type { SourceId } from '../events/canonical.js';
import type { AgentView } from '../views/agentView.js';
import type { TaskView } from '../views/taskView.js';

/** An entity (an agent with its channels, or a task) that left memory. */
export interface Tombstone {
  kind: 'agent' | 'task';
  id: string;
  /** The source whose clock expired it. */
  source: SourceId;
  /** Its newest event time. */
  lastEventTime: number;
}

export interface FinishedEntity extends Tombstone {
  /** Its final view, as `engine.agent(id)` or `engine.task(id)` answered before it left. */
  view: AgentView | TaskView;
  /** The ledgers it leaves behind: `{kind, id}` of the agent and its channels, or of the task. */
  ledgers: { kind: 'agent' | 'channel' | 'task'; id: string }[];
}
