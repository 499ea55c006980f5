// Several durable engines taking one feed (the shared-log suites, in memory and on PostgreSQL).
import type { DurableEngine, Receipt } from '../../src/store/durableEngine.js';
import { received } from './feeds.js';

/** The views an engine shows, as one string to compare. */
export const views = (engine: { agents(): unknown; tasks(): unknown }) => JSON.stringify({ agents: engine.agents(), tasks: engine.tasks() });

/** Sends each line to the next receiver in turn, `window` requests in flight at once. */
export async function roundRobin(receivers: DurableEngine[], lines: string[], window = 48): Promise<Receipt[]> {
  const receipts: Receipt[] = [];
  for (let start = 0; start < lines.length; start += window) {
    const sent = lines.slice(start, start + window).map((line, index) => receivers[(start + index) % receivers.length]!.receive(received(line)));
    receipts.push(...(await Promise.all(sent)));
  }
  return receipts;
}
