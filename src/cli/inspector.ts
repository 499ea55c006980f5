// `--inspect` for the commands: starts the inspector server and says exactly what to open.
import type { InspectionEvent, Observer } from 'xstate';
import { type InspectorServer, startInspectorServer } from '../inspect/inspectorServer.js';
import type { InspectFlags } from './inspectFlags.js';

/** The server, or why it could not start (a port in use). */
export async function startCommandInspector(
  flags: InspectFlags,
  announce: (observer: Observer<InspectionEvent>) => void,
  say: (line: string) => void,
): Promise<InspectorServer | string> {
  let server: InspectorServer;
  try {
    server = await startInspectorServer({ port: flags.port, announce, log: say });
  } catch (error) {
    return `cannot start the inspector on 127.0.0.1:${flags.port}: ${(error as Error).message}`;
  }
  say(
    [
      `contactstate: XState inspector on ${server.url}`,
      `  open ${server.url} in a browser: Stately's viewer (it loads https://stately.ai/inspect, so it needs the internet;`,
      `  the events go from this process to that page over loopback, and into the viewer inside your browser),`,
      `  personal data ${flags.personalData === 'masked' ? 'masked (--inspect-unmasked to send it as it is)' : 'NOT masked (--inspect-unmasked)'}.`,
      `  offline: open ${server.url}?local for every entity and its state in a plain table.`,
    ].join('\n'),
  );
  return server;
}

/** Resolves on Ctrl-C (or SIGTERM). */
export const untilInterrupted = (): Promise<void> =>
  new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
