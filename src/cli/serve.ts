// `contactstate serve`: the webhook receiver, on the embedded SQLite store or on a PostgreSQL shared
// with other receivers (DESIGN §6). Runs until SIGINT or SIGTERM, then stops taking requests, commits
// what is pending, writes a checkpoint and exits. A SIGKILL loses nothing that was answered 2xx: the
// next start refolds the log.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../server/buildServer.js';
import { configFromArgs, DEMO_DB, SERVE_USAGE, type ServerConfig } from '../server/config.js';
import { runDemo } from '../server/demo.js';
import { demoDeliveries, loadSampleFeeds } from '../server/demoFeeds.js';
import type { DurableEngine } from '../store/durableEngine.js';
import { shownDb } from '../store/postgres/databaseUrl.js';
import { INSPECT_USAGE, takeInspectFlags } from './inspectFlags.js';
import { startCommandInspector } from './inspector.js';

type Env = Record<string, string | undefined>;

export async function serve(argv: string[], env: Env = process.env): Promise<number> {
  const usage = `${SERVE_USAGE}\n${INSPECT_USAGE}`;
  if (argv.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const inspect = takeInspectFlags(argv, { wait: false });
  const parsed = inspect.ok ? configFromArgs(inspect.rest, env) : inspect;
  if (!parsed.ok) {
    process.stderr.write(`contactstate serve: ${parsed.error}\n${usage}\n`);
    return 2;
  }
  const { config } = parsed;
  // The demo starts from nothing each time, so its state visibly changes again (only its own file).
  if (config.demo && config.dbDefaulted) for (const suffix of ['', '-wal', '-shm']) rmSync(`${DEMO_DB}${suffix}`, { force: true });

  let built: Awaited<ReturnType<typeof buildServer>> | undefined;
  const inspector = inspect.ok && inspect.flags ? await startCommandInspector(inspect.flags, (observer) => built?.durable.engine.inspectEntities(observer), say) : undefined;
  if (typeof inspector === 'string') {
    say(`contactstate serve: ${inspector}`);
    return 1;
  }
  try {
    built = await buildServer(config, inspector && inspect.ok ? { inspect: { inspect: inspector.inspect, inspectPersonalData: inspect.flags!.personalData } } : {});
  } catch (error) {
    process.stderr.write(`contactstate serve: cannot start: ${(error as Error).message}\n`);
    await inspector?.close();
    return 1;
  }
  const { app, durable } = built;
  // The inspector stops with the receiver.
  if (inspector) app.addHook('onClose', () => inspector.close());
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    app.log.error({ err: error }, `cannot listen on ${config.host}:${config.port}`);
    await app.close();
    return 1;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const baseUrl = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  const readSide = config.readTokens ? `${config.readTokens.length} read token(s)` : 'open';
  app.log.info({ port, url: baseUrl, db: shownDb(config.db), readSide }, `contactstate listening on ${baseUrl}: POST /webhooks/:source, GET /agents /tasks /changes /metrics /healthz, the wallboard at ${baseUrl}/`);

  const abort = new AbortController();
  if (config.demo) {
    say(`contactstate listening on ${baseUrl} (store ${shownDb(config.db)}); the wallboard: ${baseUrl}/`);
    void demo(config, baseUrl, durable, app.log, abort.signal);
  }

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'shutting down: committing what is pending and writing a checkpoint');
      abort.abort();
      app.close().then(
        () => resolve(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'error while closing');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

interface Log {
  info(fields: object, message: string): void;
}


async function demo(config: ServerConfig, baseUrl: string, durable: DurableEngine, log: Log, signal: AbortSignal): Promise<void> {
  const feeds = loadSampleFeeds();
  const bearer = config.readTokens ? " -H 'authorization: Bearer <read token>'" : '';
  const deliveries = demoDeliveries(feeds, Math.random);
  log.info({ feeds: feeds.map((feed) => feed.source), deliveries: deliveries.length }, 'demo started');
  say(
    `demo: sending ${deliveries.length} deliveries from ${feeds.map((feed) => `${feed.source} (${feed.lines.length})`).join(', ')} ` +
      `to this server over HTTP in about ${config.demoSeconds} s, shuffled and duplicated like real webhooks.\n` +
      `      watch it:  curl -N${bearer} ${baseUrl}/changes    or    curl${bearer} ${baseUrl}/agents    (Ctrl-C stops the server)`,
  );
  await runDemo({
    baseUrl,
    deliveries,
    seconds: config.demoSeconds,
    signal,
    ...(config.webexSecret !== undefined ? { webexSecret: config.webexSecret } : {}),
    ...(config.vonageSecret !== undefined ? { vonageSecret: config.vonageSecret } : {}),
    report: (progress) => {
      if (signal.aborted) return;
      const { engine } = durable;
      say(
        `demo: ${progress.sent}/${progress.total} sent | outcomes ${summary(progress.outcomes)} | ` +
          `agents ${summary(countBy(engine.agents()))} | tasks ${summary(countBy(engine.tasks()))}`,
      );
      if (progress.done) say(`demo: done. The receiver keeps running on ${baseUrl}; Ctrl-C to stop.`);
    },
  });
}

/** The demo speaks to a person: plain lines on stderr, beside the JSON logs on stdout. */
const say = (line: string) => process.stderr.write(`${line}\n`);

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${count} ${name}`)
    .join(', ') || 'none yet';

/** How many views are in each state: the one-line picture of the contact center. */
function countBy(views: { state: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { state } of views) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}
