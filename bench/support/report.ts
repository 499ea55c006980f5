// The report: the table printed at the end of a run, the targets, and
// `bench/results.json` (the figures bench/README.md quotes).
import { writeFileSync } from 'node:fs';
import type { LatenessPoint } from '../engine/lateness.js';
import type { MachineInfo } from './machineInfo.js';
import type { MemoryResult } from '../engine/memory.js';
import { type NodeFigures, printNodeTable } from '../durable/nodes.js';
import type { Throughput } from './measure.js';

export interface Row {
  name: string;
  throughput: Throughput;
}

export interface ServerFigures {
  durableIngestPerSec: number;
  durableDeliveries: number;
  durableCommits: number;
  receiverPerSec: number;
  receiverP50Ms: number;
  receiverP99Ms: number;
  receiverRequests: number;
  receiverConnections: number;
}

export interface BenchResults {
  mode: 'full' | 'quick';
  date: string;
  machine: MachineInfo;
  workload: Record<string, number>;
  baselinePerSec: number;
  ceilingPerSec: number;
  /** The machines' pure transitions alone: the engine's own fold. */
  foldPerSec: number;
  engineInOrderPerSec: number;
  engineDisorderPerSec: number;
  /** In order with a patch subscriber: the state document revised delivery by delivery. */
  engineInOrderWithPatchesPerSec: number;
  eventsPerSec: Record<string, number>;
  replaySeconds: number;
  replayDeliveries: number;
  bytesPerClosedTask: number;
  memory: MemoryResult;
  lateness: LatenessPoint[];
  server: ServerFigures;
  /** Several receivers on one PostgreSQL. */
  nodes: NodeFigures;
  targets: Target[];
  rounds: Record<string, number[]>;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean;
}

export function evaluateTargets(results: Omit<BenchResults, 'targets'>): Target[] {
  const ratio = (value: number) => value.toFixed(2);
  const targets: Target[] = [
    {
      name: 'engine in order vs ceiling',
      goal: '≥ 1.0 × ceiling',
      value: `${ratio(results.engineInOrderPerSec / results.ceilingPerSec)} ×`,
      met: results.engineInOrderPerSec >= results.ceilingPerSec,
    },
    {
      name: 'state document: cost of a patch subscriber',
      goal: '≤ 15 % of in order',
      value: `${(100 * (1 - results.engineInOrderWithPatchesPerSec / results.engineInOrderPerSec)).toFixed(1)} %`,
      met: results.engineInOrderWithPatchesPerSec >= 0.85 * results.engineInOrderPerSec,
    },
    {
      name: 'engine disorder vs in order',
      goal: '≥ 0.8 × in order (measured in alternating order)',
      value: `${ratio(results.engineDisorderPerSec / results.engineInOrderPerSec)} ×`,
      met: results.engineDisorderPerSec >= 0.8 * results.engineInOrderPerSec,
    },
    {
      name: `replay of ${results.replayDeliveries.toLocaleString('en-US')} lines`,
      goal: '≤ 12 s (for 1 M)',
      value: `${results.replaySeconds.toFixed(1)} s`,
      met: results.replaySeconds <= (12 * results.replayDeliveries) / 1_000_000,
    },
    {
      name: 'memory per live entity',
      goal: '≤ 8 KB',
      value: `${Math.round(results.memory.bytesPerLiveEntity)} B`,
      met: results.memory.bytesPerLiveEntity <= 8192,
    },
    {
      name: 'memory per closed task kept for retention',
      goal: '≤ 2 KB',
      value: `${Math.round(results.bytesPerClosedTask)} B`,
      met: results.bytesPerClosedTask <= 2048,
    },
  ];
  targets.push({
    name: 'receiver, acked after durable append',
    goal: '≥ 5 k deliveries/s',
    value: `${Math.round(results.server.receiverPerSec)} /s`,
    met: results.server.receiverPerSec >= 5000,
  });
  return targets;
}

export function printReport(rows: Row[], results: BenchResults): string {
  const baseline = results.baselinePerSec;
  const ceiling = results.ceilingPerSec;
  const lines: string[] = [];
  const machine = results.machine;
  lines.push(`contactstate bench (${results.mode}) — ${results.date}`);
  lines.push(`machine: ${machine.nproc} cores, ${machine.cpu}, node ${machine.node}, load ${machine.loadAverage} at start`);
  lines.push(
    `workload: ${fmt(results.workload.deliveries!)} deliveries (${fmt(results.workload.events!)} canonical events), ` +
      `${fmt(results.workload.agents!)} agents, ${fmt(results.workload.tasks!)} tasks, ${results.workload.hours} h; ` +
      `disorder: ${fmt(results.workload.disorderedDeliveries!)} deliveries`,
  );
  lines.push('');
  lines.push('| run | deliveries/s | events/s | × baseline | × ceiling |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const { name, throughput } of rows) {
    lines.push(
      `| ${name} | ${fmt(throughput.perSec)} | ${fmt(throughput.eventsPerSec)} | ${(throughput.perSec / baseline).toFixed(2)} | ${(throughput.perSec / ceiling).toFixed(2)} |`,
    );
  }
  const replayRate = results.replayDeliveries / results.replaySeconds;
  lines.push(`| replay, whole process (${results.replaySeconds.toFixed(1)} s) | ${fmt(replayRate)} | | ${(replayRate / baseline).toFixed(2)} | ${(replayRate / ceiling).toFixed(2)} |`);
  const server = results.server;
  lines.push(
    `| SQLite durable ingest, ${fmt(server.durableDeliveries)} in ${fmt(server.durableCommits)} transactions | ${fmt(server.durableIngestPerSec)} | | ${(server.durableIngestPerSec / baseline).toFixed(2)} | ${(server.durableIngestPerSec / ceiling).toFixed(2)} |`,
  );
  lines.push(
    `| HTTP receiver, ${fmt(server.receiverRequests)} POSTs over ${server.receiverConnections} loopback connections (p50 ${server.receiverP50Ms} ms, p99 ${server.receiverP99Ms} ms) | ${fmt(server.receiverPerSec)} | | ${(server.receiverPerSec / baseline).toFixed(2)} | ${(server.receiverPerSec / ceiling).toFixed(2)} |`,
  );
  const micros = (perSec: number) => 1e6 / perSec;
  lines.push('');
  lines.push(
    `per delivery: engine in order ${micros(results.engineInOrderPerSec).toFixed(1)} µs, of which its fold (machine.transition alone) ` +
      `${micros(results.foldPerSec).toFixed(1)} µs; everything else (parse, validate, dedupe, order, checkpoints, compaction, views) ` +
      `${(micros(results.engineInOrderPerSec) - micros(results.foldPerSec)).toFixed(1)} µs; JSON.parse + switch reducer ${micros(baseline).toFixed(1)} µs`,
  );
  lines.push('');
  lines.push('| lateness (positions late within the entity) | history | µs per late event (mean) | p99 µs |');
  lines.push('|---|---:|---:|---:|');
  for (const point of results.lateness) {
    lines.push(`| ${point.positions === 0 ? 'in order' : point.positions} | ${fmt(point.history)} | ${point.meanMicros.toFixed(1)} | ${point.p99Micros.toFixed(1)} |`);
  }
  lines.push('');
  const memory = results.memory;
  lines.push(
    `memory: ${fmt(memory.bytesPerLiveEntity)} B per live entity (${memory.liveEventsPerEntity.toFixed(1)} events in its horizon, ` +
      `${fmt(memory.bytesPerLiveEvent)} B per event); ${fmt(memory.bytesPerClosedTask)} B per closed task kept for retention`,
  );
  lines.push('');
  lines.push(printNodeTable(results.nodes));
  lines.push('');
  lines.push('| target | goal | measured | met |');
  lines.push('|---|---|---:|---|');
  for (const target of results.targets) lines.push(`| ${target.name} | ${target.goal} | ${target.value} | ${target.met ? 'yes' : 'NO'} |`);
  return lines.join('\n');
}

export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

const fmt = (value: number): string => Math.round(value).toLocaleString('en-US');
