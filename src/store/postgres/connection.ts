// The connection to a shared PostgreSQL (DESIGN §6), with postgres.js: it pipelines queries and
// reconnects lazily on the next query after the server comes back. One thing it does not survive:
// a connection lost while a small write of it is queued for the next tick leaves that connection
// with a stale write timer, so that every later connect of it waits for its timeout (seconds each
// time) or, if its socket is gone when the timer fires, throws where nobody can catch it
// (porsager/postgres#1154, #1208: open in 3.4.9). So a pool that lost a connection is not trusted
// again: the next query goes to a fresh pool, and the old one is ended once its queries are done.
import postgres from 'postgres';
import { SCHEMA } from './schema.js';

export type Sql = postgres.Sql;

export interface PostgresConnectionOptions {
  /** Pool size (default 4: one commit under way, the tail read, history and the state API). */
  max?: number;
  /** Seconds to wait for a connection before the query fails (default 5: a webhook then gets 503
   *  well inside a vendor's timeout, Vonage's 10 s, and retries). */
  connectTimeoutSeconds?: number;
}

export function connectPostgres(url: string, options: PostgresConnectionOptions = {}, applicationName = 'contactstate'): Sql {
  return postgres(url, {
    max: options.max ?? 4,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // Notices ("schema already exists, skipping") are not news.
    onnotice: () => undefined,
    // Our tables, unqualified: they live in a schema of their own, beside the backend's.
    connection: { application_name: applicationName, search_path: SCHEMA },
  });
}

/** postgres.js's own codes for a connection that went away, and the server's classes for it
 *  (08: connection exception, 57P: shut down, crashed, starting up). */
const LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/** Whether the query failed because the connection was lost (or never made), not because of what it asked. */
export function isConnectionLoss(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return errno !== undefined || (typeof code === 'string' && (LOST.has(code) || /^(08|57P)/.test(code)));
}

/** A pool that is replaced whole after it lost a connection. */
export class Pool {
  private current: Sql;
  private readonly retiring = new Set<Promise<void>>();

  constructor(
    private readonly url: string,
    private readonly options: PostgresConnectionOptions = {},
  ) {
    this.current = connectPostgres(url, options);
  }

  /** The pool in use now. */
  get sql(): Sql {
    return this.current;
  }

  /** Runs `work` on the pool in use; if the connection was lost meanwhile, the next query gets a fresh pool. */
  async run<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const sql = this.current;
    try {
      return await work(sql);
    } catch (error) {
      if (sql === this.current && isConnectionLoss(error)) this.replace();
      throw error;
    }
  }

  /** Ends the pool (and any being replaced) once their queries are done, or after `timeoutSeconds`. */
  async end(timeoutSeconds = 5): Promise<void> {
    await Promise.all([this.current.end({ timeout: timeoutSeconds }), ...this.retiring]);
  }

  private replace(): void {
    const old = this.current;
    this.current = connectPostgres(this.url, this.options);
    const retired = old.end({ timeout: 5 }).catch(() => undefined);
    this.retiring.add(retired);
    void retired.finally(() => this.retiring.delete(retired));
  }
}
