// The commit thread's side (see commitThread.ts): its own connection to the store's file, one
// transaction per request, answered in the order the requests came.
import BetterSqlite3 from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import { type CommitAnswer, type CommitRequest, type CommitWorkerData, THREAD_FAILED } from './commitThread.js';
import { configureConnection } from './sqliteSchema.js';
import { prepareWriter } from './sqliteWriter.js';

const { path, port, answered } = workerData as CommitWorkerData;

function answer(message: CommitAnswer): void {
  port.postMessage(message);
  // Bumped after the answer is on the port, so that a caller it wakes finds the answer there.
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
}

let db: BetterSqlite3.Database;
let write: ReturnType<typeof prepareWriter>;
try {
  db = new BetterSqlite3(path);
  configureConnection(db);
  write = prepareWriter(db);
} catch (error) {
  // Told as an answer too: a caller blocked waiting for one hears of it at once.
  answer({ id: THREAD_FAILED, error: (error as Error).message });
  throw error;
}

port.on('message', ({ id, rows }: CommitRequest) => {
  try {
    if (rows) answer({ id, seqs: write(rows) });
    else {
      db.close();
      answer({ id });
      port.close();
    }
  } catch (error) {
    answer({ id, error: (error as Error).message });
  }
});
