// `replay`'s progress on stderr, for a user waiting in front of a large file: lines read, the rate,
// how far through the file and the time left. Rewritten in place (a carriage return) at most twice
// a second; only when stderr is a terminal and the file is large (`main.ts` decides).

export interface ReplayProgress {
  /** A batch of `lines` lines, `bytes` bytes of the file, was folded. */
  read(lines: number, bytes: number): void;
  /** The replay ended: the progress line gives way to what follows. */
  done(): void;
}

const EVERY_MS = 500;

export function replayProgress(totalBytes: number, write: (text: string) => void, now: () => number = () => performance.now()): ReplayProgress {
  const started = now();
  let shownAt = started;
  let lines = 0;
  let bytes = 0;
  let shown = false;
  return {
    read(batchLines, batchBytes) {
      lines += batchLines;
      bytes += batchBytes;
      const at = now();
      if (at - shownAt < EVERY_MS) return;
      shownAt = at;
      shown = true;
      write(`\r${progressLine(lines, bytes, totalBytes, (at - started) / 1000)}`);
    },
    done() {
      if (shown) write('\n');
    },
  };
}

/** E.g. `replay: 120,000 lines, 41,000 lines/s, 12 % of 180 MB, eta 21 s`. */
export function progressLine(lines: number, bytes: number, totalBytes: number, seconds: number): string {
  const rate = seconds > 0 ? lines / seconds : 0;
  const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 1;
  const eta = share > 0 ? (seconds * (1 - share)) / share : 0;
  const number = (value: number) => Math.round(value).toLocaleString('en-US');
  return `replay: ${number(lines)} lines, ${number(rate)} lines/s, ${Math.floor(share * 100)} % of ${number(totalBytes / 1e6)} MB, eta ${number(eta)} s`;
}
