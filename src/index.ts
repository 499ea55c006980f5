// contactstate: the library's public surface.
export { createEngine } from './engine/createEngine.js';
export type { Engine, EngineOptions, EngineSnapshot, EngineStats } from './engine/createEngine.js';
export type { IngestOutcome, IngestStatus } from './engine/outcome.js';
export type { ChangeListener, ViewChange } from './engine/changeFeed.js';
export type { AuthoritativeState } from './engine/entityMachines.js';
export type { DeadLetter, DeadLetterSink } from './engine/deadLetter.js';
export type { Delivery } from './sources/delivery.js';
export type { SourceAdapter, AdapterResult, ParsedDelivery, PayloadIssue } from './sources/adapter.js';
export type { AgentView } from './views/agentView.js';
export type { TaskView } from './views/taskView.js';
export type { CanonicalEvent, EntityRef, SourceId } from './events/canonical.js';
export * from './events/states.js';
export { agentMachine } from '../machines/agent.machine.js';
export { channelMachine } from '../machines/channel.machine.js';
export { taskMachine } from '../machines/task.machine.js';
export { replay } from './cli/replay.js';
