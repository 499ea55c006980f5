// Records for the store tests: outcomes, real ledger snapshots, checkpoints, finished entities and
// prunes, as the durable engine hands them to a store.
import * as webhook from '../../examples/webex/webhooks.js';
import type { EngineCheckpoint, EngineMeta } from '../../src/engine/checkpoints.js';
import { createEngine } from '../../src/engine/createEngine.js';
import type { FinishedEntity } from '../../src/engine/finished.js';
import type { IngestOutcome } from '../../src/engine/outcome.js';
import type { LedgerSnapshot } from '../../src/ledger/entityLedger.js';
import type { Checkpoint, Prune, StoredFloor } from '../../src/store/store.js';
import type { TaskView } from '../../src/views/taskView.js';

export const applied = (taskId: string): IngestOutcome => ({
  status: 'applied',
  source: 'webex',
  eventId: `e-${taskId}`,
  entities: [{ entity: { kind: 'task', id: taskId }, status: 'applied' }],
});
export const rejected: IngestOutcome = { status: 'rejected', source: 'webex', reason: 'body is not JSON', issues: [], entities: [] };

export const META: EngineMeta = { version: 3, stats: createEngine().stats(), clocks: { webex: { watermark: 5, step: null, sweptAt: 5, expiredAt: 5 } } };

/** Real ledger snapshots of tasks with these ids (a store keeps them as they are). */
export function ledgersOf(...ids: string[]): LedgerSnapshot[] {
  const engine = createEngine();
  ids.forEach((id, index) => engine.ingest({ source: 'webex', body: JSON.stringify(webhook.taskEvent(`e-${id}`, 1_000 + index, 'task:new', id)) }));
  return engine.snapshot().ledgers;
}

export const checkpoint = (seq: number, changes: Partial<Pick<EngineCheckpoint, 'full' | 'ledgers' | 'finished'>>): Checkpoint => ({
  seq,
  takenAt: seq * 10,
  engine: { ...META, serial: seq, full: false, ledgers: [], finished: [], ...changes },
});

export const finished = (id: string, lastEventTime: number): FinishedEntity => ({
  kind: 'task',
  id,
  source: 'webex',
  lastEventTime,
  view: { id, state: 'closed' } as TaskView,
  ledgers: [{ kind: 'task', id }],
});

export const prune = (throughSeq: number, floors: StoredFloor[]): Prune => ({ throughSeq, floors, finishedBefore: 0, deadLettersKept: 100 });

export const byId = (ledgers: LedgerSnapshot[]) => Object.fromEntries(ledgers.map((ledger) => [`${ledger.entity.kind}:${ledger.entity.id}`, ledger]));
