// The prune policy, the log's retention (DESIGN §6): the delivery log is kept `keepLogMs` (default 7 days) and then
// pruned, once a checkpoint covers it. What a prune removes is not lost to a refold: each entity the
// pruned deliveries named gets a floor, its history through the prune folded apart from memory
// (compacted to its newest event minus the horizon), from which a later refold starts. Dead letters
// keep their own limit (the newest `keepDeadLetters`), and finished tasks' final views go with the
// log they were folded from.
//
// The projector asks it for rows: after each checkpoint written, a round plans one prune (it reads
// the deliveries after the last prune, received before the cutoff, up to that checkpoint, at most
// `roundSize`, and folds the floors of the entities they name), and the next checkpoint the
// projector takes carries the planned prune (`take`). It yields to the event loop between pages,
// so the receiver keeps answering while it runs.
//
// A round says whether it left a backlog (it stopped at `roundSize`: a log first pruned, or a
// receiver back from a long stop); only then does the projector ask for a checkpoint of its own.
// Otherwise the prune waits for the next regular checkpoint: in a running receiver the log becomes
// prunable as fast as it grows, a few deliveries per batch, and a checkpoint per round would be a
// checkpoint per batch (what that costs a soak's prune days: bench/README.md).
import type { FloorSteps, StorePort } from '../../engine/storePort.js';
import type { CanonicalEvent, EntityRef } from '../../events/canonical.js';
import { asDelivery } from '../entityHistory.js';
import type { EntityHistoryRead, LogRead, Prune, ReconcileRecord, StoredFloor } from '../store.js';
import { entityKey } from '../storeRules.js';

const DAY = 24 * 3_600_000;
const DEFAULT_KEEP_LOG_MS = 7 * DAY;
const DEFAULT_KEEP_DEAD_LETTERS = 10_000;

export interface PrunePolicyOptions {
  /** Deliveries received longer ago than this are pruned once a checkpoint covers them (default 7 days). */
  keepLogMs?: number;
  /** Dead letters kept: the newest this many (default 10,000). */
  keepDeadLetters?: number;
  /** Most deliveries one round prunes (default 10,000): bounds the floors it holds at once. */
  roundSize?: number;
}

/**
 * A prune round takes up to twice the deliveries between checkpoints (at least 10,000): in a
 * running receiver what became prunable since the last checkpoint fits one round, which rides with
 * the next checkpoint, and only a backlog asks for checkpoints of its own.
 */
export const pruneRoundSize = (checkpointEvery: number): number => Math.max(10_000, 2 * checkpointEvery);

/**
 * The log's retention period: `keepLogMs`, never shorter than two retention periods (a task that
 * left memory is remembered that long, and a later event for it is then placed from its own
 * deliveries). A shorter one given is bad input.
 */
function keepLogPeriod(keepLogMs: number | undefined, retentionMs: number): number {
  const floor = 2 * retentionMs;
  if (keepLogMs === undefined) return Math.max(DEFAULT_KEEP_LOG_MS, floor);
  if (!Number.isFinite(keepLogMs) || keepLogMs < floor) {
    throw new RangeError(`keepLogMs ${String(keepLogMs)}: must be a number of ms no shorter than two retention periods (${floor} ms)`);
  }
  return keepLogMs;
}

/** What a round reads: the log after the last prune, and the floors of the entities it names. */
type PruneReads = Pick<LogRead, 'deliveriesAfter'> & Pick<EntityHistoryRead, 'floorOf' | 'prunedThrough'>;

export class PrunePolicy {
  private readonly keepLogMs: number;
  private readonly keepDeadLetters: number;
  private readonly roundSize: number;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Planned, waiting to ride with the next checkpoint. */
  private planned: Prune | undefined;

  constructor(
    private readonly store: PruneReads,
    /** The engine's store hooks: the events a delivery asserts, and the floors they fold into. */
    private readonly engine: Pick<StorePort, 'eventsOf' | 'foldFloor'>,
    retentionMs: number,
    options: PrunePolicyOptions = {},
  ) {
    this.keepLogMs = keepLogPeriod(options.keepLogMs, retentionMs);
    this.keepDeadLetters = options.keepDeadLetters ?? DEFAULT_KEEP_DEAD_LETTERS;
    this.roundSize = options.roundSize ?? 10_000;
  }

  /** The prune planned, for the checkpoint being taken (once: a failed commit plans it again). */
  take(): Prune | undefined {
    const prune = this.planned;
    this.planned = undefined;
    return prune;
  }

  /**
   * A checkpoint through `seq` was written: plans the next prune, unless one is being planned.
   * Resolves to whether the round left a backlog: then a checkpoint of its own should take its
   * prune (and so start the next round); otherwise the prune waits for the next checkpoint.
   *
   * `receivedUntil` is the newest receive time folded: the log's own clock. Not the wall clock,
   * so that a log written with other receive times (a test, an import) or a receiver back from a
   * long stop is not pruned under receivers still folding it; in a running receiver the two agree.
   */
  checkpointWritten(seq: number, receivedUntil: number): Promise<boolean> {
    if (this.running || this.stopped) return Promise.resolve(false);
    const round = this.planRound(seq, receivedUntil).catch(() => false); // a store that fails now is asked again after the next checkpoint
    this.running = round.then(() => {
      this.running = undefined;
    });
    return round;
  }

  /** Plans a prune through the checkpoint at `seq` now, after the round under way (for `DurableEngine.prune`). */
  async planNow(seq: number, receivedUntil: number): Promise<void> {
    await this.running;
    await this.planRound(seq, receivedUntil);
  }

  /** Stops planning (at close) once the round under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Plans one round; whether it stopped at `roundSize`, leaving prunable deliveries for the next. */
  private async planRound(checkpointSeq: number, receivedUntil: number): Promise<boolean> {
    const prunedThrough = await this.store.prunedThrough();
    const prune = await this.plan(checkpointSeq, prunedThrough, receivedUntil - this.keepLogMs);
    if (!prune || this.stopped) return false;
    this.planned = prune;
    return prune.throughSeq - prunedThrough >= this.roundSize;
  }

  /** Deliveries received before `cutoff` go. */
  private async plan(checkpointSeq: number, prunedThrough: number, cutoff: number): Promise<Prune | undefined> {
    let through = prunedThrough;
    // The round's steps by the entities they name: an entity's history since its floor is exactly
    // its part of the round (every earlier delivery naming it was in a round that gave it a floor),
    // so the scan is the only read of the log, not one history query per entity. Each delivery is
    // mapped to its events once, here, and only its events are held, not its body.
    const named = new Map<string, EntityRound>();
    const partOf = (entity: EntityRef): EntityRound => {
      const key = entityKey(entity);
      let part = named.get(key);
      if (!part) named.set(key, (part = { entity, events: [], reconciles: [] }));
      return part;
    };
    scan: while (through < checkpointSeq && through - prunedThrough < this.roundSize && !this.stopped) {
      const page = await this.store.deliveriesAfter(through, Math.min(1000, this.roundSize));
      if (page.length === 0) break;
      for (const logged of page) {
        if (logged.seq > checkpointSeq || logged.receivedAt >= cutoff) break scan;
        through = logged.seq;
        const { seq, operator } = logged;
        if (operator) partOf(operator.entity).reconciles.push({ seq, step: operator });
        else for (const event of this.engine.eventsOf(asDelivery(logged))) partOf(event.entity).events.push({ seq, step: event });
      }
      await nextTurn();
    }
    const finishedBefore = cutoff;
    if (through === prunedThrough) return { throughSeq: prunedThrough, floors: [], finishedBefore, deadLettersKept: this.keepDeadLetters };
    const floors: Prune['floors'] = [];
    for (const part of named.values()) {
      if (this.stopped) return undefined;
      floors.push({ entity: part.entity, throughSeq: through, ledger: this.engine.foldFloor(part.entity, floorSteps(await this.store.floorOf(part.entity), part)) });
      if (floors.length % 500 === 0) await nextTurn();
    }
    return { throughSeq: through, floors, finishedBefore, deadLettersKept: this.keepDeadLetters };
  }
}

/** A step of a round, with the seq of the delivery it came from. */
interface Logged<T> {
  seq: number;
  step: T;
}

/** One entity's part of a round: the events and reconciles of it that the round's deliveries hold, in log order. */
interface EntityRound {
  entity: EntityRef;
  events: Logged<CanonicalEvent>[];
  reconciles: Logged<ReconcileRecord>[];
}

/** What the entity's new floor folds: its floor, then its part of the round after it (what the floor holds is skipped). */
function floorSteps(floor: StoredFloor | undefined, { events, reconciles }: EntityRound): FloorSteps {
  const after = floor?.throughSeq ?? 0;
  const stepsAfter = <T>(logged: Logged<T>[]): T[] => logged.flatMap(({ seq, step }) => (seq > after ? [step] : []));
  return { ...(floor ? { floor: floor.ledger } : {}), events: stepsAfter(events), reconciles: stepsAfter(reconciles) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
