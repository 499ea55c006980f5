// The durable store and the engine behind it: what a backend embeds.
export type {
  LoggedDelivery,
  OutcomeRecord,
  ReceivedDelivery,
  Store,
  StoreCounts,
  StoredDeadLetter,
  StoredCheckpoint,
  StoredFloor,
  Checkpoint,
  Prune,
  OperatorRecord,
  ReconcileRecord,
  WriteBatch,
} from './store.js';
export { loggableHeaders } from './store.js';
export { MemoryStore } from './memory/memoryStore.js';
export { SqliteStore } from './sqlite/sqliteStore.js';
export { GroupCommitter, type GroupCommitOptions } from './groupCommit.js';
export { openDurableEngine, type DurableEngine, type DurableEngineOptions, type DurableStatus, type Receipt } from './durableEngine.js';
