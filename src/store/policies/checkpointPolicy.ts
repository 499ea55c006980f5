// The checkpoint policy (DESIGN §6): when the projector's next batch carries a checkpoint, and the
// checkpoint it carries. One is due after `every` deliveries folded, so that a restart refolds at
// most that many, or once asked for (an explicit checkpoint, a close, a prune that left a
// backlog). It stays due until taken: the projector takes it only between two folds, when the
// engine is in step with the log (never while an entity is being rebuilt).
import type { StorePort } from '../../engine/storePort.js';
import type { Checkpoint } from '../store.js';

export class CheckpointPolicy {
  /** Deliveries folded since the last checkpoint taken. */
  private sinceTaken = 0;
  /** Asked for whatever the count, until taken. */
  private asked = false;

  constructor(private readonly every: number) {}

  /** One delivery folded; whether a checkpoint is due now. */
  folded(): boolean {
    this.sinceTaken++;
    return this.due;
  }

  /** Makes a checkpoint due now, whatever the count. */
  ask(): void {
    this.asked = true;
  }

  get due(): boolean {
    return this.asked || this.sinceTaken >= this.every;
  }

  /**
   * The checkpoint to write: everything folded through `seq`, as what the engine changed since
   * the last one written. Counting starts again from here.
   */
  take(seq: number, takenAt: number, engine: Pick<StorePort, 'checkpoint'>): Checkpoint {
    this.sinceTaken = 0;
    this.asked = false;
    return { seq, takenAt, engine: engine.checkpoint() };
  }
}
