// One line of an NDJSON feed (DESIGN §5): a raw body, or `{"source", "headers", "body"}`.
import { SOURCE_IDS, type SourceId } from '../events/canonical.js';
import type { Delivery } from './delivery.js';

/** Lines without `"body"` are raw bodies: handed on as text, so they are parsed once. */
export function deliveryFromLine(line: string, defaultSource: SourceId | 'auto'): Delivery {
  if (line.includes('"body"')) {
    const wrapper = tryParse(line);
    if (isWrapper(wrapper)) {
      const source = typeof wrapper.source === 'string' ? wrapper.source : defaultSource;
      return {
        source: isSourceId(source) ? source : 'auto',
        headers: isHeaders(wrapper.headers) ? wrapper.headers : {},
        body: wrapper.body,
      };
    }
  }
  return { source: defaultSource, body: line };
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isWrapper(value: unknown): value is { source?: unknown; headers?: unknown; body: unknown } {
  if (typeof value !== 'object' || value === null || !('body' in value)) return false;
  return Object.keys(value).every((key) => key === 'source' || key === 'headers' || key === 'body');
}

const isHeaders = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && Object.values(value).every((field) => typeof field === 'string');

export const isSourceId = (value: unknown): value is SourceId => SOURCE_IDS.includes(value as SourceId);
