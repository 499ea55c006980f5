// The in-memory store: the same contract as SQLite's, for tests and for an engine that needs the
// receiver without persistence. Nothing survives the process, so "durable" here means only that a
// commit is visible whole to every reader after it returns.
import type { FinishedEntity, Tombstone } from '../../engine/finished.js';
import type { EntityRef } from '../../events/canonical.js';
import type { LedgerSnapshot } from '../../ledger/entityLedger.js';
import { checkPrune, entityKey } from '../storeRules.js';
import {
  type Checkpoint,
  type CheckpointRows,
  decodedCheckpoint,
  isDeadLetter,
  type LoggedDelivery,
  type Prune,
  type Store,
  type StoreCounts,
  type StoredCheckpoint,
  type StoredDeadLetter,
  type StoredFloor,
  type WriteBatch,
} from '../store.js';

interface StoredFinished extends FinishedEntity {
  finishedAt: number;
}

export class MemoryStore implements Store {
  /** seq → delivery; pruned ones are deleted. */
  private readonly log = new Map<number, LoggedDelivery>();
  private lastSeq = 0;
  private prunedThroughSeq = 0;
  private readonly deadLetterSeqs = new Map<number, Omit<StoredDeadLetter, 'delivery'>>();
  /** Entity → the seqs of the deliveries that named it (a set: a refold records them again). */
  private readonly index = new Map<string, Set<number>>();
  private checkpointRow: Omit<StoredCheckpoint, 'ledgers'> | undefined;
  private readonly ledgers = new Map<string, LedgerSnapshot>();
  private readonly finishedRows = new Map<string, StoredFinished>();
  private readonly floors = new Map<string, StoredFloor>();
  private closed = false;

  commit(batch: WriteBatch): number[] {
    this.assertOpen();
    // Checked before anything is written, so that a bad batch leaves the store as it was.
    const lastSeq = this.lastSeq + batch.deliveries.length;
    const unknown = batch.outcomes.find(({ seq }) => seq < 1 || seq > lastSeq || (seq <= this.lastSeq && !this.log.has(seq)));
    if (unknown) throw new Error(`outcome for seq ${unknown.seq}, which is not in the log`);
    if (batch.prune) checkPrune(batch.prune, batch.checkpoint?.seq ?? this.checkpointRow?.seq);
    // Copies, so that a caller reusing its objects cannot change what was stored.
    const copy = structuredClone({ deliveries: batch.deliveries, checkpoint: batch.checkpoint, prune: batch.prune });
    const seqs = copy.deliveries.map((delivery) => {
      const seq = ++this.lastSeq;
      this.log.set(seq, { ...delivery, seq });
      return seq;
    });
    for (const { seq, outcome } of batch.outcomes) {
      const logged = this.log.get(seq)!;
      logged.status = outcome.status;
      if (outcome.reason !== undefined) logged.reason = outcome.reason;
      for (const { entity } of outcome.entities) {
        const seqsOfEntity = this.index.get(entityKey(entity)) ?? new Set<number>();
        seqsOfEntity.add(seq);
        this.index.set(entityKey(entity), seqsOfEntity);
      }
      if (isDeadLetter(outcome.status)) {
        this.deadLetterSeqs.set(seq, { seq, status: outcome.status, reason: outcome.reason ?? null, outcome: structuredClone(outcome) });
      }
    }
    if (copy.checkpoint) this.writeCheckpoint(copy.checkpoint);
    if (copy.prune) this.prune(copy.prune);
    return seqs;
  }

  deliveriesAfter(after: number, limit: number): LoggedDelivery[] {
    const found: LoggedDelivery[] = [];
    for (let seq = Math.max(after, 0) + 1; seq <= this.lastSeq && found.length < limit; seq++) {
      const logged = this.log.get(seq);
      if (logged) found.push(logged);
    }
    return found;
  }

  historyOf(entity: EntityRef, upTo: number): LoggedDelivery[] {
    const seqs = [...(this.index.get(entityKey(entity)) ?? [])].filter((seq) => seq <= upTo).sort((a, b) => a - b);
    return seqs.map((seq) => this.log.get(seq)!);
  }

  floorOf(entity: EntityRef): StoredFloor | undefined {
    return structuredClone(this.floors.get(entityKey(entity)));
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    return decodedCheckpoint(this.latestCheckpointRows());
  }

  latestCheckpointRows(): CheckpointRows | undefined {
    if (!this.checkpointRow) return undefined;
    // Copies as they are decoded, so that the engine cannot change what was stored.
    const ledgers = [...this.ledgers.values()].map((ledger) => ({ entity: ledger.entity, decode: () => structuredClone(ledger) }));
    return { ...structuredClone(this.checkpointRow), ledgers };
  }

  finished(kind: FinishedEntity['kind'], id: string): FinishedEntity | undefined {
    const row = this.finishedRows.get(entityKey({ kind, id }));
    if (!row) return undefined;
    const { finishedAt: _finishedAt, ...finished } = row;
    return structuredClone(finished);
  }

  finishedSince(lastEventTime: number): Tombstone[] {
    return [...this.finishedRows.values()]
      .filter((row) => row.lastEventTime >= lastEventTime)
      .map(({ kind, id, source, lastEventTime: last }) => ({ kind, id, source, lastEventTime: last }));
  }

  deadLetters(after: number, limit: number): StoredDeadLetter[] {
    return [...this.deadLetterSeqs.values()]
      .filter((letter) => letter.seq > after)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((letter) => ({ ...letter, delivery: this.log.get(letter.seq)! }));
  }

  prunedThrough(): number {
    return this.prunedThroughSeq;
  }

  counts(): StoreCounts {
    return {
      deliveries: this.log.size,
      deadLetters: this.deadLetterSeqs.size,
      lastSeq: this.lastSeq,
      checkpointSeq: this.checkpointRow?.seq ?? null,
      prunedThrough: this.prunedThroughSeq,
      ledgers: this.ledgers.size,
      finished: this.finishedRows.size,
      floors: this.floors.size,
    };
  }

  close(): void {
    this.closed = true;
  }

  private writeCheckpoint({ seq, takenAt, engine }: Checkpoint): void {
    const { full, ledgers, finished, serial: _serial, ...meta } = engine;
    if (full) this.ledgers.clear();
    for (const entity of finished) {
      for (const ledger of entity.ledgers) this.ledgers.delete(entityKey(ledger));
      this.finishedRows.set(entityKey(entity), { ...entity, finishedAt: takenAt });
    }
    for (const ledger of ledgers) this.ledgers.set(entityKey(ledger.entity), ledger);
    this.checkpointRow = { seq, takenAt, engine: meta };
  }

  private prune({ throughSeq, floors, finishedBefore, deadLettersKept }: Prune): void {
    const letters = [...this.deadLetterSeqs.keys()].sort((a, b) => a - b);
    for (const seq of letters.slice(0, Math.max(0, letters.length - deadLettersKept))) this.deadLetterSeqs.delete(seq);
    // Also the deliveries of dead letters pruned earlier and dropped by the count only now.
    const through = Math.max(throughSeq, this.prunedThroughSeq);
    for (const seq of [...this.log.keys()]) if (seq <= through && !this.deadLetterSeqs.has(seq)) this.log.delete(seq);
    for (const [key, seqs] of this.index) {
      for (const seq of seqs) if (seq <= throughSeq) seqs.delete(seq);
      if (seqs.size === 0) this.index.delete(key);
    }
    for (const floor of floors) this.floors.set(entityKey(floor.entity), floor);
    for (const [key, row] of this.finishedRows) {
      if (row.finishedAt >= finishedBefore) continue;
      this.finishedRows.delete(key);
      for (const ledger of row.ledgers) this.floors.delete(entityKey(ledger));
    }
    this.prunedThroughSeq = Math.max(this.prunedThroughSeq, throughSeq);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
