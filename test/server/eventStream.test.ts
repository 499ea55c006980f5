// One server-sent-events connection, on a recorded response: the messages of one event-loop turn
// leave in one write, in order; a client too slow to keep up is dropped, with a warning.
import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { type EventStreamOptions, openEventStream } from '../../src/server/eventStream.js';

/** A response that records its writes; `writableLength` is what the test says is still buffered. */
class RecordedResponse extends EventEmitter {
  readonly writes: string[] = [];
  writableLength = 0;
  ended = false;
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {}
}

function opened(maxBufferedBytes = 1024) {
  const raw = new RecordedResponse();
  const warn = vi.fn();
  const request = { raw: new EventEmitter(), log: { warn } } as unknown as FastifyRequest;
  const reply = { hijack: () => undefined, raw } as unknown as FastifyReply;
  const options: EventStreamOptions = { heartbeatMs: 60_000, maxBufferedBytes, open: new Set() };
  const stream = openEventStream(request, reply, options);
  const preamble = raw.writes.length;
  return { raw, warn, options, stream, sent: () => raw.writes.slice(preamble) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('an event stream', () => {
  it('writes the messages of one turn together, in the order sent, and each later turn in a write of its own', async () => {
    const { stream, sent } = opened();
    stream.send('change', { id: 'a' }, '1');
    stream.send('change', { id: 'b' }, '2');
    stream.send('view', { id: 'c' });
    expect(sent()).toEqual([]);
    await nextTurn();
    expect(sent()).toEqual(['id: 1\nevent: change\ndata: {"id":"a"}\n\nid: 2\nevent: change\ndata: {"id":"b"}\n\nevent: view\ndata: {"id":"c"}\n\n']);
    stream.send('change', { id: 'd' }, '3');
    await nextTurn();
    expect(sent()).toHaveLength(2);
    expect(sent()[1]).toBe('id: 3\nevent: change\ndata: {"id":"d"}\n\n');
  });

  it('drops a client whose unsent bytes pass the limit, says so, and writes nothing after', async () => {
    const { raw, warn, options, stream, sent } = opened(100);
    const cleanup = vi.fn();
    stream.onClose(cleanup);
    raw.writableLength = 101;
    stream.send('change', { id: 'a' }, '1');
    await nextTurn();
    expect(sent()).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith({ buffered: 101 }, 'change stream client too slow; closing it');
    expect(cleanup).toHaveBeenCalledOnce();
    expect(raw.ended).toBe(true);
    expect(options.open.size).toBe(0);
    stream.send('change', { id: 'b' }, '2');
    await nextTurn();
    expect(sent()).toHaveLength(1);
  });

  it('sends nothing of a turn in which the client went away', async () => {
    const { raw, stream, sent } = opened();
    stream.send('change', { id: 'a' }, '1');
    raw.emit('close');
    await nextTurn();
    expect(sent()).toEqual([]);
  });
});
