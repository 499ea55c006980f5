// Feeds for the store and server tests: the shipped Webex sample as received deliveries, in order
// or displaced and duplicated like a real webhook feed (seeded, so every run is the same).
import { readFileSync } from 'node:fs';
import { disorder } from '../../examples/disorder.js';
import { seededRandom } from '../../examples/random.js';
import type { ReceivedDelivery } from '../../src/store/store.js';

const SAMPLE = new URL('../../examples/webex-sample.ndjson', import.meta.url);

export interface FeedLine {
  time: number;
  line: string;
}

export function webexSample(limit = Number.POSITIVE_INFINITY): FeedLine[] {
  return readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, limit)
    .map((line) => ({ time: (JSON.parse(line) as { data: { createdTime: number } }).data.createdTime, line }));
}

/** Displaced by up to `maxDelayMs` of event time and 5% sent twice. */
export function disordered(feed: FeedLine[], seed: number, maxDelayMs = 120_000): FeedLine[] {
  return disorder(feed, seededRandom(seed), { displaced: 0.2, maxDelayMs, duplicated: 0.05 });
}

/** Received when it was sent: at its event time (0 for a line without one). */
export function received(line: string, receivedAt = eventTimeOf(line)): ReceivedDelivery {
  return { source: 'webex', headers: { 'content-type': 'application/json' }, body: Buffer.from(line), receivedAt };
}

function eventTimeOf(line: string): number {
  try {
    return (JSON.parse(line) as { data?: { createdTime?: number } }).data?.createdTime ?? 0;
  } catch {
    return 0;
  }
}
