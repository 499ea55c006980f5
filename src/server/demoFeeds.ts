// What `serve --demo` sends: every `examples/<source>-sample.ndjson` feed, merged so that they play
// side by side, then disordered like real webhooks (some deliveries displaced a little, some sent
// twice), each ready to POST to /webhooks/:source.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceId } from '../events/canonical.js';
import { deliveryFromLine, isSourceId } from '../sources/ndjsonLine.js';

export interface DemoDelivery {
  source: SourceId;
  headers: Record<string, string>;
  body: string;
}

export interface DemoFeed {
  source: SourceId;
  lines: string[];
}

/** The package's folder, found from this module whether it runs from src/ (tsx) or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'examples'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the contactstate package folder (with examples/)');
    dir = parent;
  }
  return dir;
}

/** Every `<source>-sample.ndjson` in the folder whose source is known. */
export function loadSampleFeeds(folder = join(packageRoot(), 'examples')): DemoFeed[] {
  return readdirSync(folder)
    .map((name) => /^(.+)-sample\.ndjson$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null && isSourceId(match[1]))
    .sort((a, b) => a[1]!.localeCompare(b[1]!))
    .map((match) => ({
      source: match[1] as SourceId,
      lines: readFileSync(join(folder, match[0]), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    }));
}

export interface DisorderOptions {
  /** Share of deliveries displaced later (0..1) and how far, in deliveries. */
  displaced: number;
  window: number;
  /** Share of deliveries sent a second time, up to `window` deliveries later. */
  duplicated: number;
}

const WEBHOOK_LIKE: DisorderOptions = { displaced: 0.1, window: 12, duplicated: 0.05 };

/**
 * Merges the feeds by their relative position (each plays over the whole demo) and disorders the
 * result. Displacement is small against the feeds' event times, so it stays within the horizon
 * and the end state equals an in-order replay.
 */
export function demoDeliveries(feeds: DemoFeed[], random: () => number, options: DisorderOptions = WEBHOOK_LIKE): DemoDelivery[] {
  const slots: { at: number; delivery: DemoDelivery }[] = [];
  for (const feed of feeds) {
    const total = feed.lines.length;
    feed.lines.forEach((line, index) => {
      const delivery = toDemoDelivery(line, feed.source);
      const at = (index / total) * 1_000_000;
      slots.push({ at, delivery });
      if (random() < options.duplicated) slots.push({ at: at + random() * slotWidth(total, options.window), delivery });
    });
  }
  slots.sort((a, b) => a.at - b.at);
  const spacing = 1_000_000 / Math.max(slots.length, 1);
  for (const slot of slots) {
    if (random() < options.displaced) slot.at += random() * options.window * spacing;
  }
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.delivery);
}

const slotWidth = (total: number, window: number) => (window / Math.max(total, 1)) * 1_000_000;

function toDemoDelivery(line: string, fileSource: SourceId): DemoDelivery {
  const delivery = deliveryFromLine(line, fileSource);
  const source = delivery.source && delivery.source !== 'auto' ? delivery.source : fileSource;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(delivery.headers ?? {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  const body = typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body);
  return { source, headers, body };
}
