// The node table's load, in a process of its own (so that the receivers' figures do not carry the
// load generator's work, nor the lag probes' clocks its pauses): `node --import tsx bench/durable/nodeLoad.ts SPEC`
// posts the spec's bodies round-robin over its receivers and prints, as JSON, what autocannon
// measured and when each probe was acknowledged.
import { readFileSync } from 'node:fs';
import { postFeed } from './postFeed.js';

export interface LoadSpec {
  urls: string[];
  connections: number;
  bodies: string[];
  /** Indices in `bodies` of the lag probes, in probe order. */
  probes: number[];
}

export interface LoadResult {
  answered: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** [probe, epoch ms of its 2xx]. */
  probeAcks: [number, number][];
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
const probeOf = new Map(spec.probes.map((index, probe) => [index, probe]));
const probeAcks: [number, number][] = [];
const { result, seconds } = await postFeed({
  urls: spec.urls,
  connections: spec.connections,
  bodies: spec.bodies,
  onAnswer: (index, status, at) => {
    const probe = probeOf.get(index);
    if (probe !== undefined && status >= 200 && status < 300) probeAcks.push([probe, at]);
  },
});
const answer: LoadResult = {
  answered: result['2xx'],
  seconds,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  probeAcks,
};
process.stdout.write(JSON.stringify(answer));
