// The seam every source plugs into: a pure function from one parsed delivery to canonical events.
import type { CanonicalEvent, SourceId } from '../events/canonical.js';

/** One problem found in a payload, with the path to the field (zod's issue, made plain). */
export interface PayloadIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

export interface ParsedDelivery {
  /** The body after JSON parsing. */
  body: unknown;
  /** Header names lower-cased. */
  headers: Record<string, string>;
}

export type AdapterResult =
  | { kind: 'events'; events: CanonicalEvent[] }
  /** The payload is of this source but says nothing about state (e.g. 8x8 WEB_HOOK_VERIFY). */
  | { kind: 'ignored'; reason: string; eventId?: string }
  | { kind: 'rejected'; reason: string; issues: PayloadIssue[] };

export interface SourceAdapter {
  id: SourceId;
  /** Whether a payload has this source's shape (for `--source auto`). Cheap, never throws. */
  recognizes(delivery: ParsedDelivery): boolean;
  toEvents(delivery: ParsedDelivery): AdapterResult;
}
