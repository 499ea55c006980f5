// The in-memory store: the same contract as SQLite's, for tests and for an engine that needs the
// receiver without persistence. Nothing survives the process, so "durable" here means only that a
// commit is visible whole to every reader after it returns.
import type { EntityRef } from '../events/canonical.js';
import {
  isDeadLetter,
  type LoggedDelivery,
  SNAPSHOTS_KEPT,
  type Store,
  type StoreCounts,
  type StoredDeadLetter,
  type StoredSnapshot,
  type WriteBatch,
} from './store.js';

const entityKey = (entity: EntityRef): string => `${entity.kind}:${entity.id}`;

export class MemoryStore implements Store {
  private readonly log: LoggedDelivery[] = [];
  private readonly deadLetterSeqs = new Map<number, Omit<StoredDeadLetter, 'delivery'>>();
  /** Entity → the seqs of the deliveries that named it (a set: a refold records them again). */
  private readonly index = new Map<string, Set<number>>();
  private snapshots: StoredSnapshot[] = [];
  private closed = false;

  commit(batch: WriteBatch): number[] {
    this.assertOpen();
    // Checked before anything is written, so that a bad batch leaves the store as it was.
    const lastSeq = this.log.length + batch.deliveries.length;
    const unknown = batch.outcomes.find(({ seq }) => seq < 1 || seq > lastSeq);
    if (unknown) throw new Error(`outcome for seq ${unknown.seq}, which is not in the log`);
    const seqs = batch.deliveries.map((delivery) => {
      const seq = this.log.length + 1;
      // Copies, so that a caller reusing its buffers cannot change what was logged.
      this.log.push({ ...delivery, headers: { ...delivery.headers }, body: Uint8Array.from(delivery.body), seq });
      return seq;
    });
    for (const { seq, outcome } of batch.outcomes) {
      const logged = this.log[seq - 1]!;
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
    if (batch.snapshot) {
      this.snapshots = [...this.snapshots, structuredClone(batch.snapshot)].slice(-SNAPSHOTS_KEPT);
    }
    return seqs;
  }

  deliveriesAfter(after: number, limit: number): LoggedDelivery[] {
    return this.log.slice(Math.max(after, 0), Math.max(after, 0) + limit);
  }

  historyOf(entity: EntityRef, upTo: number): LoggedDelivery[] {
    const seqs = [...(this.index.get(entityKey(entity)) ?? [])].filter((seq) => seq <= upTo).sort((a, b) => a - b);
    return seqs.map((seq) => this.log[seq - 1]!);
  }

  latestSnapshot(): StoredSnapshot | undefined {
    const latest = this.snapshots.at(-1);
    return latest ? structuredClone(latest) : undefined;
  }

  deadLetters(after: number, limit: number): StoredDeadLetter[] {
    return [...this.deadLetterSeqs.values()]
      .filter((letter) => letter.seq > after)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((letter) => ({ ...letter, delivery: this.log[letter.seq - 1]! }));
  }

  counts(): StoreCounts {
    return {
      deliveries: this.log.length,
      deadLetters: this.deadLetterSeqs.size,
      lastSeq: this.log.length,
      snapshotSeq: this.snapshots.at(-1)?.seq ?? null,
    };
  }

  close(): void {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
