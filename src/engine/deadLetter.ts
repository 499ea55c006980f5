// The dead-letter: deliveries that were rejected (or arrived too late to place) are kept with
// their outcome, never dropped. The default keeps the most recent ones in memory; a durable
// store passes its own sink and keeps them all.
import type { Delivery } from '../sources/delivery.js';
import type { IngestOutcome } from './outcome.js';

export interface DeadLetter {
  delivery: Delivery;
  outcome: IngestOutcome;
}

export interface DeadLetterSink {
  keep(letter: DeadLetter): void;
}

export class InMemoryDeadLetters implements DeadLetterSink {
  private readonly letters: DeadLetter[] = [];
  /** How many were kept in all, including those pushed out of memory by newer ones. */
  kept = 0;

  constructor(private readonly capacity = 10_000) {}

  keep(letter: DeadLetter): void {
    this.kept++;
    this.letters.push(letter);
    if (this.letters.length > this.capacity) this.letters.shift();
  }

  list(): readonly DeadLetter[] {
    return this.letters;
  }
}
