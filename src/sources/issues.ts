// Turns zod errors into rejection results that name the source and the failing field.
import type { z } from 'zod';
import type { AdapterResult, PayloadIssue } from './adapter.js';

/** `prefix` places the issues of a nested schema (e.g. a CloudEvents `data`) in the whole payload. */
export function toPayloadIssues(error: z.ZodError, prefix: (string | number)[] = []): PayloadIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))],
    message: issue.message,
    code: issue.code,
  }));
}

function describeIssue(issue: PayloadIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : '(payload)';
  return `${path}: ${issue.message}`;
}

export function rejected(source: string, issues: PayloadIssue[]): Extract<AdapterResult, { kind: 'rejected' }> {
  const first = issues[0];
  const detail = first ? describeIssue(first) : 'invalid payload';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return { kind: 'rejected', reason: `${source}: ${detail}${more}`, issues };
}

export function rejectedByZod(
  source: string,
  error: z.ZodError,
  prefix: (string | number)[] = [],
): Extract<AdapterResult, { kind: 'rejected' }> {
  return rejected(source, toPayloadIssues(error, prefix));
}
