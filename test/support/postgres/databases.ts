// Databases made and dropped on a test server: one per suite (or per fault test), so that suites
// sharing one PostgreSQL never see each other's tables.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** A fresh database on the server of `serverUrl`; returns its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `contactstate_test_${randomBytes(6).toString('hex')}`;
  await withServer(serverUrl, (sql) => sql.unsafe(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withServer(serverUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The database at `url` without contactstate's schema (the next store opened there starts afresh); returns `url`. */
export async function emptiedDatabase(url: string): Promise<string> {
  await withServer(url, (sql) => sql.unsafe('DROP SCHEMA IF EXISTS contactstate CASCADE'));
  return url;
}

async function withServer<T>(serverUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}
