// Ingest for logged deliveries: whatever is in the log is folded again at every restart, so a
// delivery that could make the engine throw would take the receiver down each time it starts.
// Two guards make ingest total: a nesting limit checked on the raw bytes before any parser walks
// the body recursively (a deeply nested body overflows the stack of a recursive walk), and a net
// that turns any exception into a rejected outcome naming the bug.
import type { Engine } from '../engine/createEngine.js';
import type { IngestOutcome } from '../engine/outcome.js';
import type { SourceId } from '../events/canonical.js';
import type { ReceivedDelivery } from './store.js';

/** Vendor payloads nest a handful of levels; 64 leaves room without letting recursion run away. */
export const DEFAULT_MAX_NESTING = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of objects and arrays in JSON text (brackets inside strings do not count). */
export function nestingDepth(body: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

export function safeIngest(engine: Engine, delivery: ReceivedDelivery, maxNesting = DEFAULT_MAX_NESTING): IngestOutcome {
  const source: SourceId | null = delivery.source;
  if (nestingDepth(delivery.body, maxNesting) > maxNesting) {
    // The engine is still asked, with a body it rejects without walking it, so that its
    // counters see this delivery like any other rejected one; the reason is ours.
    const counted = engine.ingest({ source: source ?? 'auto', headers: delivery.headers, body: '' });
    return { ...rejected(source, `body nests objects or arrays deeper than ${maxNesting} levels`), source: counted.source };
  }
  try {
    return engine.ingest({ source: source ?? 'auto', headers: delivery.headers, body: delivery.body });
  } catch (error) {
    return rejected(source, `internal error while ingesting (${(error as Error).message})`);
  }
}

function rejected(source: SourceId | null, reason: string): IngestOutcome {
  return { status: 'rejected', source, reason, issues: [{ path: [], message: reason, code: 'custom' }], entities: [] };
}
