// `serve --demo`: the server feeds the example feeds to itself over HTTP, at a pace a person can
// watch, signing them as the vendor would when a secret is configured, and says every few seconds
// what the agents and tasks are doing.
import { createHash, createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SourceId } from '../events/canonical.js';
import type { DemoDelivery } from './demoFeeds.js';

export interface DemoOptions {
  baseUrl: string;
  deliveries: DemoDelivery[];
  /** The whole feed is sent in about this long. */
  seconds: number;
  webexSecret?: string;
  vonageSecret?: string;
  /** Called every `reportEveryMs` and at the end, with what was sent and how it was answered. */
  report: (progress: DemoProgress) => void;
  reportEveryMs?: number;
  signal?: AbortSignal;
}

export interface DemoProgress {
  sent: number;
  total: number;
  /** HTTP status → count. */
  answers: Record<string, number>;
  /** Ingest outcome → count (from the answers' `status`). */
  outcomes: Record<string, number>;
  done: boolean;
}

const TICK_MS = 100;

export async function runDemo(options: DemoOptions): Promise<DemoProgress> {
  const { deliveries } = options;
  const progress: DemoProgress = { sent: 0, total: deliveries.length, answers: {}, outcomes: {}, done: false };
  const perTick = Math.max(1, Math.ceil(deliveries.length / ((options.seconds * 1000) / TICK_MS)));
  const reportEvery = options.reportEveryMs ?? 5000;
  let lastReport = Date.now();
  for (let start = 0; start < deliveries.length; start += perTick) {
    if (options.signal?.aborted) break;
    const tick = Date.now();
    await Promise.all(deliveries.slice(start, start + perTick).map((delivery) => post(options, delivery, progress)));
    if (Date.now() - lastReport >= reportEvery) {
      lastReport = Date.now();
      options.report({ ...progress });
    }
    await sleep(Math.max(0, TICK_MS - (Date.now() - tick)));
  }
  progress.done = true;
  options.report({ ...progress });
  return progress;
}

async function post(options: DemoOptions, delivery: DemoDelivery, progress: DemoProgress): Promise<void> {
  const headers = { ...delivery.headers, ...(await signatureHeaders(delivery.source, delivery.body, options)) };
  progress.sent++;
  try {
    // No abort signal on the request: undici leaves a listener per request on a shared signal
    // (thousands of them, and a warning); the loop checks the signal between ticks instead.
    const response = await fetch(`${options.baseUrl}/webhooks/${delivery.source}`, { method: 'POST', headers, body: delivery.body });
    const answer = (await response.json().catch(() => ({}))) as { status?: string };
    count(progress.answers, String(response.status));
    if (typeof answer.status === 'string') count(progress.outcomes, answer.status);
  } catch {
    count(progress.answers, 'failed');
  }
}

/** Signs as the vendor does, so the demo also works with secrets configured (8x8 needs 8x8's private key: not signed). */
async function signatureHeaders(source: SourceId, body: string, options: DemoOptions): Promise<Record<string, string>> {
  if (source === 'webex' && options.webexSecret !== undefined) {
    return { 'x-webexcc-signature': createHmac('sha256', options.webexSecret).update(body).digest('hex') };
  }
  if (source === 'vonage' && options.vonageSecret !== undefined) {
    const payloadHash = createHash('sha256').update(body).digest('hex');
    const token = await new SignJWT({ payload_hash: payloadHash })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(Buffer.from(options.vonageSecret, 'base64'));
    return { 'vonage-signature': `Bearer ${token}` };
  }
  return {};
}

const count = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
