// `contactstate replay`: folds an NDJSON feed and prints the resulting state as one JSON document.
import type { Readable } from 'node:stream';
import { createEngine, type Engine, type EngineOptions, type EngineStats } from '../engine/createEngine.js';
import type { SourceId } from '../events/canonical.js';
import { deliveryFromLine } from '../sources/ndjsonLine.js';
import type { AgentView } from '../views/agentView.js';
import type { TaskView } from '../views/taskView.js';
import { lineBatches } from './lineBatches.js';
import type { ReplayProgress } from './replayProgress.js';

export interface ReplayDocument {
  agents: Record<string, AgentView>;
  tasks: Record<string, TaskView>;
  stats: EngineStats & { lines: number };
}

export interface RejectedLine {
  line: number;
  reason: string;
}

/** `replay` prints everything it read: its finished tasks stay (no retention, docs/decisions.md). */
export const REPLAY_OPTIONS = { retentionMs: Number.POSITIVE_INFINITY } as const;

export async function replay(
  input: Readable,
  source: SourceId | 'auto',
  onRejected: (rejected: RejectedLine) => void,
  options: EngineOptions = {},
  engine: Engine = createEngine({ ...REPLAY_OPTIONS, ...options }),
  progress?: ReplayProgress,
): Promise<ReplayDocument> {
  let lines = 0;
  for await (const batch of lineBatches(input)) {
    for (const text of batch.lines) {
      lines++;
      if (text.trim() === '') continue;
      const outcome = engine.ingest(deliveryFromLine(text, source));
      if (outcome.status === 'rejected') onRejected({ line: lines, reason: outcome.reason ?? 'rejected' });
    }
    progress?.read(batch.lines.length, batch.bytes);
  }
  progress?.done();
  return {
    agents: Object.fromEntries(engine.agents().map((view) => [view.id, view])),
    tasks: Object.fromEntries(engine.tasks().map((view) => [view.id, view])),
    stats: { ...engine.stats(), lines },
  };
}
