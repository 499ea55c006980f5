// What the tests that stage lock waits look at: how many sessions of the database wait on a lock.
import type postgres from 'postgres';

/** Sessions of this database waiting on a lock. */
export async function waitingOnLocks(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row!.waiting;
}
