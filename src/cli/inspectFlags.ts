// The `--inspect` flags of `replay` and `serve`, taken out of argv before the command's own
// parsing: `--inspect [PORT]` (the port is optional, so node's parseArgs cannot take it),
// `--inspect-unmasked`, and for replay `--inspect-wait SECONDS`. A bad value is bad input: the
// command says why and exits 2.
import type { PersonalData } from '../inspect/personalData.js';

export const DEFAULT_INSPECT_PORT = 8080;

export interface InspectFlags {
  port: number;
  personalData: PersonalData;
  /** replay: fold after a viewer connects or after this long, whichever comes first. */
  waitMs?: number;
}

export type InspectFlagsResult = { ok: true; flags: InspectFlags | undefined; rest: string[] } | { ok: false; error: string };

export const INSPECT_USAGE = `  --inspect [PORT]         serve the XState inspector on http://127.0.0.1:PORT/ (default ${DEFAULT_INSPECT_PORT}; 0 picks a free port)
  --inspect-unmasked       send personal data (caller numbers and names, e-mail addresses) to it as it is`;
export const INSPECT_WAIT_USAGE = `  --inspect-wait SECONDS   start folding after SECONDS even if no viewer has connected (default: wait for one)`;

export function takeInspectFlags(argv: readonly string[], options: { wait: boolean }): InspectFlagsResult {
  const rest: string[] = [];
  let port: string | undefined;
  let wait: string | undefined;
  let unmasked = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--inspect') {
      // A following number is the port; anything else (a file, another flag) is left alone.
      port = inline ?? (/^\d+$/.test(argv[index + 1] ?? '') ? argv[++index]! : String(DEFAULT_INSPECT_PORT));
    } else if (name === '--inspect-unmasked' && inline === undefined) {
      unmasked = true;
    } else if (name === '--inspect-wait' && options.wait) {
      wait = inline ?? argv[++index];
      if (wait === undefined) return { ok: false, error: '--inspect-wait needs a number of seconds' };
    } else {
      rest.push(arg);
    }
  }
  if (port === undefined) {
    if (unmasked || wait !== undefined) return { ok: false, error: `${unmasked ? '--inspect-unmasked' : '--inspect-wait'} goes with --inspect` };
    return { ok: true, flags: undefined, rest };
  }
  const portNumber = /^\d+$/.test(port) ? Number(port) : Number.NaN;
  if (!(portNumber >= 0 && portNumber <= 65_535)) return { ok: false, error: `the inspector port must be a whole number from 0 to 65535, not "${port}"` };
  const flags: InspectFlags = { port: portNumber, personalData: unmasked ? 'unmasked' : 'masked' };
  if (wait !== undefined) {
    const seconds = /^\d+(\.\d+)?$/.test(wait) ? Number(wait) : Number.NaN;
    if (!(seconds >= 0 && seconds <= 86_400)) return { ok: false, error: `--inspect-wait takes seconds from 0 to 86400, not "${wait}"` };
    flags.waitMs = seconds * 1000;
  }
  return { ok: true, flags, rest };
}
