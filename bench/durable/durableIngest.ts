// SQLite durable ingest, in process: `openDurableEngine` on a SqliteStore file (WAL), deliveries
// handed to `receive` 512 at a time so the group committer puts each window in one transaction,
// every one committed before it is folded (and checkpoints written at the default interval). Opened
// as `serve --db FILE` opens it (src/server/buildServer.ts): commits on the commit thread, queue KPIs
// and agent timelines kept, so that the receiver ÷ this ratio is what HTTP adds and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimedDelivery } from '../../examples/disorder.js';
import { openDurableEngine } from '../../src/store/durableEngine.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { timedAsync } from '../support/measure.js';

const WINDOW = 512;

export interface DurableResult {
  deliveries: number;
  perSec: number;
  commits: number;
}

export async function measureDurableIngest(feed: readonly TimedDelivery[]): Promise<DurableResult> {
  const directory = mkdtempSync(join(tmpdir(), 'contactstate-bench-'));
  const durable = await openDurableEngine({
    store: new SqliteStore(join(directory, 'bench.db'), { commitThread: true }),
    engine: { kpis: {} },
  });
  try {
    const bodies = feed.map(({ line }) => Buffer.from(line));
    let refused = 0;
    const seconds = await timedAsync(async () => {
      for (let start = 0; start < bodies.length; start += WINDOW) {
        const window = bodies.slice(start, start + WINDOW).map((body) =>
          durable.receive({ source: 'webex', headers: { 'content-type': 'application/json' }, body, receivedAt: start }),
        );
        for (const receipt of await Promise.all(window)) if (receipt.outcome.status !== 'applied' && receipt.outcome.status !== 'reordered') refused++;
      }
    });
    if (refused > 0) throw new Error(`durable ingest: ${refused} deliveries were not applied`);
    return { deliveries: bodies.length, perSec: bodies.length / seconds, commits: durable.status().commits };
  } finally {
    await durable.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
