// Telling a PostgreSQL URL from a SQLite path, and checking it before anything connects: a bad URL
// is bad input (a clear error at start-up), never a stack trace. Pure: no connection is made here.

/** `postgres://` or `postgresql://`: the store is PostgreSQL, not a SQLite file. */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/** Why `text` is not a usable PostgreSQL URL, or undefined when it is. Never echoes a password. */
export function postgresUrlProblem(text: string): string | undefined {
  if (!isPostgresUrl(text)) return 'a PostgreSQL URL starts with postgres:// or postgresql://';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'the PostgreSQL URL cannot be parsed (a password with special characters must be percent-encoded)';
  }
  if (url.hostname === '' && !url.searchParams.has('host')) return 'the PostgreSQL URL names no host';
  return undefined;
}

/** The URL with its password masked, for logs and errors. */
function redactedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** How `--db` is shown in logs: a PostgreSQL URL without its password, a SQLite path as it is. */
export function shownDb(db: string): string {
  return isPostgresUrl(db) ? redactedUrl(db) : db;
}
