// How a receiver learns that others have appended to the shared log: LISTEN on a connection of its
// own (each append's transaction NOTIFYs the newest position it took, delivered on commit), and,
// because a notification can be missed (the connection drops, a pooler in between drops LISTEN),
// a poll of the log head as well. Whichever comes first reports the head; the receiver folds up
// to it. The watch re-listens by itself after the connection or the server comes back, and reads
// the head each time it is listening again, for what was appended while it was not.
import postgres from 'postgres';
import { LOG_CHANNEL } from './schema.js';

export interface LogWatchOptions {
  url: string;
  /** The newest committed position: the poll, and the catch-up after each (re)listen. */
  readHead: () => Promise<number>;
  /** Called with a head position, possibly one already seen or older than one seen before. */
  onHead: (seq: number) => void;
  /** How often the head is polled and a lost LISTEN retried (default 1000 ms). */
  pollMs?: number;
  /** Told once each time the watch stops or starts listening (for health and logs). */
  onListening?: (listening: boolean, error?: Error) => void;
}

export interface LogWatch {
  /** True while the LISTEN connection is up. */
  readonly listening: boolean;
  /** Stops listening and polling. */
  close(): Promise<void>;
}

export function watchLog(options: LogWatchOptions): LogWatch {
  const pollMs = options.pollMs ?? 1000;
  let listening = false;
  let closed = false;
  let starting: Promise<void> | undefined;

  const setListening = (now: boolean, error?: Error) => {
    if (now === listening) return;
    listening = now;
    options.onListening?.(now, error);
  };
  // One connection, for LISTEN alone, made afresh each time the watch starts listening (a
  // connection that was lost is not trusted again: connection.ts). `onnotify` is postgres.js's
  // hook for notifications that arrive on a connection (not in its typings; its own `listen`
  // helper uses it): LISTEN is issued here, so that a lost connection is seen (onclose).
  let connection: postgres.Sql | undefined;
  const connect = (): postgres.Sql => {
    const made: postgres.Sql = postgres(options.url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: 5,
      onnotice: () => undefined,
      onclose: () => connection === made && setListening(false),
      connection: { application_name: 'contactstate-watch' },
      ...({ onnotify: (channel: string, payload: string) => channel === LOG_CHANNEL && report(Number(payload)) } as object),
    });
    return made;
  };
  const retire = (old: postgres.Sql | undefined) => void old?.end({ timeout: 0 }).catch(() => undefined);

  function report(seq: number): void {
    if (!closed && Number.isSafeInteger(seq)) options.onHead(seq);
  }

  async function poll(): Promise<void> {
    try {
      report(await options.readHead());
    } catch {
      // The server is away: the receiver's own queries say so; the next tick tries again.
    }
  }

  function listen(): Promise<void> {
    if (starting) return starting;
    retire(connection);
    const fresh = (connection = connect());
    starting = fresh
      .unsafe(`LISTEN ${LOG_CHANNEL}`)
      .then(
        async () => {
          setListening(true);
          await poll(); // what was appended while nobody listened
        },
        (error: Error) => setListening(false, error),
      )
      .finally(() => (starting = undefined));
    return starting;
  }

  const timer = setInterval(() => {
    if (closed) return;
    if (!listening) void listen();
    void poll();
  }, pollMs);
  timer.unref();
  void listen();

  return {
    get listening() {
      return listening;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await starting;
      await connection?.end({ timeout: 0 });
    },
  };
}
