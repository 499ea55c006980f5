// The recent revisions of the state document, for clients of the patch feed that reconnect: a
// client that says which revision it has gets the patch sets after it, if they are still here,
// and the whole document otherwise. Bounded by a count of patch sets.
//
// Revisions are numbered by the engine and start again with a new process, so an id alone could
// name a revision of another run (a client reconnecting to a restarted receiver would be sent
// patches that do not apply to what it has). Each ring has an `epoch` (random, per start) and
// the ids it hands out are `<epoch>-<revision>`: an id of another epoch is answered with the
// whole document.
//
// It records only while a client listens, and for `keepMs` (a minute) after the last one left, so
// one that reconnects still resumes: a subscriber makes the engine revise the document delivery by
// delivery, which costs a good part of its in-order throughput (bench/README.md), and a receiver nobody
// watches should not pay it. When it stops, its sets go with it: a resume point from before is then
// answered with the whole document.
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engineTypes.js';
import type { PatchSet } from '../engine/liveDocument.js';

export const DEFAULT_PATCH_HISTORY = 10_000;
const DEFAULT_KEEP_RECORDING_MS = 60_000;

/** Where a client resumes from, as it said it (`Last-Event-ID` or `?since=`). */
export interface ResumePoint {
  /** Absent for a bare revision (`?since=57`): taken as one of this epoch. */
  epoch?: string;
  revision: number;
}

const RESUME_POINT = /^(?:([0-9a-f]{8})-)?(\d{1,15})$/;

/** `<epoch>-<revision>` or `<revision>`; anything else is bad input (undefined). */
export function parseResumePoint(text: string): ResumePoint | undefined {
  const match = RESUME_POINT.exec(text.trim());
  if (!match) return undefined;
  return { ...(match[1] ? { epoch: match[1] } : {}), revision: Number(match[2]) };
}

export class PatchRing {
  readonly epoch = randomBytes(4).toString('hex');
  private sets: PatchSet[] = [];
  private readonly listeners = new Set<(set: PatchSet) => void>();
  private unsubscribe: (() => void) | undefined;
  private stopping: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly capacity = DEFAULT_PATCH_HISTORY,
    private readonly keepMs = DEFAULT_KEEP_RECORDING_MS,
  ) {}

  /** Whether the engine is making patch sets for this ring now. */
  get recording(): boolean {
    return this.unsubscribe !== undefined;
  }

  private record(): void {
    clearTimeout(this.stopping);
    this.stopping = undefined;
    this.unsubscribe ??= this.engine.subscribePatches((set) => {
      this.sets.push(set);
      // Dropped in chunks: one shift per set would move the whole array every time.
      if (this.sets.length > this.capacity + Math.ceil(this.capacity / 8)) this.sets.splice(0, this.sets.length - this.capacity);
      for (const listener of this.listeners) listener(set);
    });
  }

  private stop(): void {
    clearTimeout(this.stopping);
    this.stopping = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.sets = [];
  }

  idOf(revision: number): string {
    return `${this.epoch}-${revision}`;
  }

  /**
   * The patch sets after `point`, oldest first ([] when it is the current revision), or undefined
   * when they cannot be given: another epoch, a revision this run has not reached, or one older
   * than the ring holds.
   */
  after(point: ResumePoint, current: number): PatchSet[] | undefined {
    if ((point.epoch !== undefined && point.epoch !== this.epoch) || point.revision > current) return undefined;
    if (point.revision === current) return [];
    const oldest = this.sets[0]?.revision;
    if (oldest === undefined || point.revision < oldest - 1) return undefined;
    return this.sets.slice(point.revision - oldest + 1);
  }

  /** Live patch sets, after everything `after` could give (recording starts now if it had stopped). */
  listen(listener: (set: PatchSet) => void): () => void {
    this.record();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0 || !this.recording) return;
      this.stopping = setTimeout(() => this.stop(), this.keepMs);
      this.stopping.unref();
    };
  }

  close(): void {
    this.stop();
    this.listeners.clear();
  }
}
