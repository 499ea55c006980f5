// The chunked splitter replay reads with gives readline's lines (`crlfDelay: Infinity`), however
// the stream is cut into chunks: `\r\n` and multi-byte characters cut between chunks included.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineBatches } from '../../src/cli/lineBatches.js';

const readlineLines = async (bytes: Uint8Array): Promise<string[]> => {
  const lines: string[] = [];
  for await (const line of createInterface({ input: Readable.from([Buffer.from(bytes)]), crlfDelay: Number.POSITIVE_INFINITY })) lines.push(line);
  return lines;
};

const splitterLines = async (chunks: Uint8Array[]): Promise<{ lines: string[]; bytes: number }> => {
  const lines: string[] = [];
  let bytes = 0;
  for await (const batch of lineBatches(Readable.from(chunks.map((chunk) => Buffer.from(chunk)), { objectMode: true }))) {
    lines.push(...batch.lines);
    bytes += batch.bytes;
  }
  return { lines, bytes };
};

/** Cuts `bytes` at the given offsets. */
const cut = (bytes: Uint8Array, offsets: number[]): Uint8Array[] => {
  const at = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, index) => bytes.subarray(start, at[index] ?? bytes.length)).filter((chunk) => chunk.length > 0);
};

const text = fc.array(fc.constantFrom('a', '{"x":1}', 'é', '€', '😀', ' ', '\n', '\r', '\r\n', ''), { maxLength: 40 }).map((parts) => parts.join(''));

describe('lineBatches', () => {
  it('given any text cut into any chunks, when split, then the lines are readline’s and the bytes all counted', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 12 }), async (source, offsets) => {
        const bytes = new TextEncoder().encode(source);
        const { lines, bytes: counted } = await splitterLines(cut(bytes, offsets));
        expect(lines).toEqual(await readlineLines(bytes));
        expect(counted).toBe(bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('given a \\r\\n cut between chunks, when split, then it is one line break', async () => {
    const bytes = new TextEncoder().encode('a\r\nb');
    expect((await splitterLines([bytes.subarray(0, 2), bytes.subarray(2)])).lines).toEqual(['a', 'b']);
  });

  it('given strings (an object-mode stream), when split, then their lines come alike', async () => {
    const lines: string[] = [];
    for await (const batch of lineBatches(Readable.from(['x\ny', 'z\r', '\n', 'last']))) lines.push(...batch.lines);
    expect(lines).toEqual(['x', 'yz', 'last']);
  });
});
