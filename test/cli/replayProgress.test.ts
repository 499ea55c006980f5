// replay's progress line: lines, rate, share of the file and time left; at most twice a second.
import { describe, expect, it } from 'vitest';
import { progressLine, replayProgress } from '../../src/cli/replayProgress.js';

describe('replay progress', () => {
  it('given a quarter of the file read in 10 s, when shown, then the rate and the eta follow from it', () => {
    expect(progressLine(250_000, 50e6, 200e6, 10)).toBe('replay: 250,000 lines, 25,000 lines/s, 25 % of 200 MB, eta 30 s');
  });

  it('given batches read, when less than half a second passed, then nothing is written; a newline ends a shown progress', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = replayProgress(1_000, (text) => written.push(text), () => clock);
    progress.read(10, 100);
    clock = 499;
    progress.read(10, 100);
    expect(written).toEqual([]);
    clock = 1_000;
    progress.read(30, 300);
    expect(written).toEqual(['\rreplay: 50 lines, 50 lines/s, 50 % of 0 MB, eta 1 s']);
    progress.done();
    expect(written.at(-1)).toBe('\n');
  });

  it('given a replay too short to show progress, when done, then nothing is written', () => {
    const written: string[] = [];
    const progress = replayProgress(1_000, (text) => written.push(text), () => 0);
    progress.read(1, 1_000);
    progress.done();
    expect(written).toEqual([]);
  });
});
