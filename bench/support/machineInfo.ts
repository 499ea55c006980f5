// The machine a run was measured on: absolute numbers only mean something beside it.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  nproc: number;
  node: string;
  cpu: string;
  memoryGiB: number;
  /** 1-minute load average when the run started: a shared machine's noise. */
  loadAverage: number;
}

export function machineInfo(): MachineInfo {
  return {
    nproc: availableParallelism(),
    node: process.version,
    cpu: cpuModel(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
