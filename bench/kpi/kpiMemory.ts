// Memory per queue bucket: the marginal heap, after a full GC, of B more 15-minute buckets (one
// queue and channel type per bucket start, each with TASKS_PER_BUCKET tasks answered after
// distinct waits, as a busy queue's quarter hour has them), from QueueBuckets alone: 2B buckets
// minus B buckets, divided by B, so the fixed cost of the maps' first entries cancels out.
import type { TaskContribution } from '../../src/kpi/taskContribution.js';
import { QueueBuckets } from '../../src/kpi/queueBuckets.js';
import { BUCKET_MS } from '../../src/kpi/timeZoneDays.js';
import { heapUsed } from '../support/measure.js';

const TASKS_PER_BUCKET = 10;
const QUEUES = 20;

export function measureBytesPerQueueBucket(buckets: number): number {
  const small = heapHeld(buckets);
  const large = heapHeld(2 * buckets);
  return Math.round((large - small) / buckets);
}

/** The heap held by QueueBuckets with `count` buckets, spread over QUEUES queues. */
function heapHeld(count: number): number {
  const before = heapUsed();
  const held = new QueueBuckets();
  for (let index = 0; index < count; index++) {
    for (let task = 0; task < TASKS_PER_BUCKET; task++) held.add(contribution(index, task), 1);
  }
  const after = heapUsed();
  if (held.size !== count) throw new Error(`kpi memory: ${held.size} buckets held, ${count} meant`);
  return after - before;
}

const contribution = (index: number, task: number): TaskContribution => ({
  queueId: `queue-${index % QUEUES}`,
  channelType: 'telephony',
  bucket: Math.floor(index / QUEUES) * BUCKET_MS,
  answered: true,
  answeredWithinThreshold: task % 2 === 0,
  abandoned: false,
  shortAbandoned: false,
  speedOfAnswerMs: 1_000 * (task + 1),
  handled: true,
  handleTimeMs: 180_000,
  waitMs: 1_000 * (task + 1),
});
