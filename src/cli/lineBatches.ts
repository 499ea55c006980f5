// The lines of a stream, a chunk's worth at a time: one `split` per chunk instead of readline's
// event per line. Line breaks are readline's with `crlfDelay: Infinity` (`\n`, `\r\n`, a lone `\r`),
// also when a `\r\n` or a multi-byte character is cut between chunks; the last line needs no break.

const LINE_BREAK = /\r\n|\n|\r/;

/** The complete lines of each chunk, and how many bytes the chunk had. */
export interface LineBatch {
  lines: string[];
  bytes: number;
}

export async function* lineBatches(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    // A trailing `\r` may be the first half of a `\r\n`: it waits for the next chunk.
    const carried = text.endsWith('\r') ? '\r' : '';
    if (carried) text = text.slice(0, -1);
    const lines = text.split(LINE_BREAK);
    pending = lines.pop()! + carried;
    yield { lines, bytes };
  }
  pending += decoder.decode();
  if (pending.endsWith('\r')) yield { lines: [pending.slice(0, -1)], bytes: 0 };
  else if (pending !== '') yield { lines: [pending], bytes: 0 };
}
