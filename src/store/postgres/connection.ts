// The connection to a shared PostgreSQL (DESIGN §6), with postgres.js: it pipelines queries, keeps
// a dedicated LISTEN connection that reconnects by itself (with backoff) and tells us each time it
// is listening again, and reconnects the pool lazily on the next query after the server comes back.
import postgres from 'postgres';

export type Sql = postgres.Sql;

export interface PostgresConnectionOptions {
  /** Pool size (default 4: one commit under way, the tail read, history and the state API). */
  max?: number;
  /** Seconds to wait for a connection before the query fails (default 5: a webhook then gets 503
   *  well inside a vendor's timeout, Vonage's 10 s, and retries). */
  connectTimeoutSeconds?: number;
}

export function connectPostgres(url: string, options: PostgresConnectionOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 4,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // Notices ("schema already exists, skipping") are not news.
    onnotice: () => undefined,
    connection: { application_name: 'contactstate' },
  });
}
