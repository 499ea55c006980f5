// The backend figures (the receiver): SQLite durable ingest in process, and the HTTP
// receiver under a bounded loopback load from this process. Both on a prefix of the workload.
import type { TimedDelivery } from '../../examples/disorder.js';
import { collectGarbage } from '../support/measure.js';
import { measureDurableIngest } from './durableIngest.js';
import { measureReceiver } from './receiver.js';
import type { ServerFigures } from '../support/report.js';

export async function measureServer(feed: readonly TimedDelivery[], quick: boolean, log: (message: string) => void): Promise<ServerFigures> {
  collectGarbage();
  const durable = await measureDurableIngest(feed.slice(0, quick ? 3_000 : 50_000));
  log(`durable ingest: ${durable.deliveries} deliveries, ${Math.round(durable.perSec)}/s in ${durable.commits} transactions`);
  collectGarbage();
  const warmup = quick ? 500 : 2_000;
  const receiver = await measureReceiver(feed.slice(0, warmup + (quick ? 1_000 : 20_000)), warmup);
  log(`receiver: ${receiver.requests} requests, ${Math.round(receiver.perSec)}/s, p50 ${receiver.p50Ms} ms, p99 ${receiver.p99Ms} ms`);
  return {
    durableIngestPerSec: durable.perSec,
    durableDeliveries: durable.deliveries,
    durableCommits: durable.commits,
    receiverPerSec: receiver.perSec,
    receiverP50Ms: receiver.p50Ms,
    receiverP99Ms: receiver.p99Ms,
    receiverRequests: receiver.requests,
    receiverConnections: receiver.connections,
  };
}
