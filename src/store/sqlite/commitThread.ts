// The SQLite store's commit thread: a worker with its own connection to the store's file, where
// each transaction and its fsync run while the event loop goes on reading requests. Answers come
// back as messages. A caller that needs one now (a synchronous commit, close) blocks on a counter
// the worker bumps after each answer, and takes the answer off the port itself.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PendingCommit } from '../store.js';
import type { BatchRows } from '../batchRows.js';

/** A message to the worker: rows to commit, or none to close its connection. */
export interface CommitRequest {
  id: number;
  rows?: BatchRows;
}

/** The id of the answer a worker sends when it cannot start (its connection would not open). */
export const THREAD_FAILED = 0;

export interface CommitAnswer {
  id: number;
  seqs?: number[];
  error?: string;
}

export interface CommitWorkerData {
  path: string;
  port: MessagePort;
  /** Answers sent so far: bumped after each, so that a blocked caller wakes to find it. */
  answered: Int32Array;
}

interface Waiting {
  settle: () => void;
  answer?: CommitAnswer;
}

/** Longest a synchronous caller waits for the worker before giving up on it. */
const BLOCKING_TIMEOUT_MS = 60_000;

export class CommitThread {
  private readonly port: MessagePort;
  private readonly answered = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(path: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: CommitWorkerData = { path, port: port2, answered: this.answered };
    const worker = new Worker(workerEntry(), { workerData, transferList: [port2] });
    // The port keeps the process alive while commits are under way, and only then.
    worker.unref();
    this.port.unref();
    this.port.on('message', (answer: CommitAnswer) => this.take(answer));
    worker.on('error', (error) => this.fail(`the commit thread failed: ${error.message}`));
    worker.on('exit', () => this.fail('the commit thread has exited'));
  }

  begin(rows: BatchRows): PendingCommit {
    const id = ++this.nextId;
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const waiting: Waiting = { settle };
    this.waiting.set(id, waiting);
    if (this.failure) this.take({ id, error: this.failure.message });
    else {
      if (this.waiting.size === 1) this.port.ref();
      this.port.postMessage({ id, rows } satisfies CommitRequest);
    }
    return {
      settled,
      result: () => {
        while (!waiting.answer) this.receiveNow();
        if (waiting.answer.error !== undefined) throw new Error(waiting.answer.error);
        return waiting.answer.seqs!;
      },
    };
  }

  /** Closes the worker's connection (after every commit already started), then the port. */
  close(): void {
    if (this.failure) return;
    const id = ++this.nextId;
    const waiting: Waiting = { settle: () => undefined };
    this.waiting.set(id, waiting);
    this.port.postMessage({ id } satisfies CommitRequest);
    while (!waiting.answer) this.receiveNow();
    this.failure = new Error('the store is closed');
    this.port.close();
  }

  /** Answers every commit still waiting with the error, and every later one at once. */
  private fail(reason: string): void {
    this.failure ??= new Error(reason);
    for (const id of [...this.waiting.keys()]) this.take({ id, error: this.failure.message });
  }

  /** Takes the next answer off the port, waiting for the worker to send one if there is none. */
  private receiveNow(): void {
    const sent = Atomics.load(this.answered, 0);
    const message = receiveMessageOnPort(this.port);
    if (message) return this.take(message.message as CommitAnswer);
    if (this.failure) throw this.failure;
    if (Atomics.wait(this.answered, 0, sent, BLOCKING_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`the commit thread did not answer within ${BLOCKING_TIMEOUT_MS / 1000} s`);
    }
  }

  private take(answer: CommitAnswer): void {
    if (answer.id === THREAD_FAILED) return this.fail(`the commit thread failed: ${answer.error}`);
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.port.unref();
    waiting.answer = answer;
    waiting.settle();
  }
}

/** The compiled worker beside this file; from the TypeScript sources, a script that loads it through tsx. */
const workerEntry = (): URL => new URL(import.meta.url.endsWith('.ts') ? './commitWorkerSource.mjs' : './commitWorker.js', import.meta.url);
