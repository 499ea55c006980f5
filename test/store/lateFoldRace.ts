// The interleaving in which a receiver rebuilt an entity from a history that missed one of its own
// deliveries: a commit carrying a late event L is under way when the outcome timer fires; when it
// ends, the next commit starts with the queued outcomes (among them that of S, a delivery for the
// same entity) before L is folded; L is late, so its entity is refolded from the store, whose
// history must hold S. Here the next commit is held back while L is folded: by a hold on the
// appends (a slow round trip) or by another session holding the log head.
import { expect } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { type DurableEngine, openDurableEngine } from '../../src/store/durableEngine.js';
import type { Store } from '../../src/store/store.js';
import { received } from './feeds.js';
import type { HeldAppends } from './heldAppends.js';

const T = Date.UTC(2026, 2, 4, 9);
const SECOND = 1000;
const OUTCOME_DELAY_MS = 150;

/** Task t1 new, parked and connected, then ten minutes of another agent's traffic: its base is compacted past T + 120 s. */
const before: webhook.WebexBody[] = [
  webhook.taskEvent('n', T, 'task:new', 't1'),
  webhook.taskEvent('p', T + SECOND, 'task:parked', 't1'),
  webhook.taskEvent('c', T + 120 * SECOND, 'task:connected', 't1'),
  ...Array.from({ length: 48 }, (_, step) => webhook.agentStateChange(`f${step}`, T + (130 + step * 10) * SECOND, 'a9', step % 2 ? 'idle' : 'available')),
];
/** S: in order, the entity's newest event. */
const newer = webhook.taskEvent('s', T + 610 * SECOND, 'task:ended', 't1');
/** L: older than the entity's compacted base, so it is refolded from its history. */
const late = webhook.taskEvent('l', T + 60 * SECOND, 'task:on-hold', 't1');
/** Another delivery: it starts the next commit, which takes the outcomes due. */
const other = webhook.agentStateChange('x', T + 620 * SECOND, 'a9', 'idle');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await condition()); await sleep(5)) {
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
  }
}

export const openRacing = (store: Store) =>
  openDurableEngine({ store, engine: { horizonMs: 60_000 }, checkpointEvery: 1_000_000, groupCommit: { outcomeDelayMs: OUTCOME_DELAY_MS } });

export const bodies = { before, newer, late, other };

/** What t1 must show after these events: all of them folded, nothing compacted. */
export function expectedTask(events = [...before, newer, late, other]) {
  const engine = createEngine({ horizonMs: 24 * 3_600_000 });
  for (const body of events) engine.ingest({ source: 'webex', body: JSON.stringify(body) });
  return engine.task('t1');
}

export const send = (durable: DurableEngine, body: webhook.WebexBody) => durable.receive(received(JSON.stringify(body)));

export interface Staging {
  /** Called once L's commit is written and the next commit waits: lets L's commit end, with the next one still held. */
  endLateCommit(): Promise<void>;
  /** Lets the next commit go. */
  releaseNext(): Promise<void>;
}

/** A receiver alone, its round trips slow: L's commit is let go, the next one held until released. */
export function slowNextCommit(held: HeldAppends): Staging {
  return {
    async endLateCommit() {
      held.releaseOne();
      await until(() => held.held === 1, 'the next commit to be held');
    },
    releaseNext: async () => held.releaseAll(),
  };
}

/** Forces the interleaving; resolves once everything is folded and flushed. */
export async function stageLateFold(durable: DurableEngine, held: HeldAppends, holding: 'writes' | 'answers', staging: Staging): Promise<void> {
  for (const body of before) await send(durable, body);
  await durable.flush();
  expect(durable.engine.task('t1')).toMatchObject({ state: 'connected' });
  // S is folded; its outcome waits for the timer.
  expect((await send(durable, newer)).outcome.status).toBe('applied');
  held.hold(holding);
  const lateReceipt = send(durable, late);
  await until(() => held.held === 1, "L's commit to be held");
  // The timer fires while L's commit is under way: the next commit takes S's outcome.
  await sleep(2 * OUTCOME_DELAY_MS);
  const otherReceipt = send(durable, other);
  await new Promise((resolve) => setImmediate(resolve));
  await staging.endLateCommit();
  // L is folded now; with the history incomplete it would be answered while the next commit waits.
  await Promise.race([lateReceipt, sleep(500)]);
  await staging.releaseNext();
  expect((await lateReceipt).outcome.status).toBe('late');
  await otherReceipt;
  await durable.flush();
}
