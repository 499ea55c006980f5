// Where a Telax event's additional fields are: at top level (DESIGN §2), or nested under
// `AdditionalFields` — as an object, or, since the doc calls them "a list of additional fields",
// as a list of `{ "Name", "Value" }` pairs. A field found at top level wins over a nested one.
// Each field remembers where it came from, so a rejection names the path the sender used.
import type { PayloadIssue } from '../adapter.js';

type Path = (string | number)[];

export interface Gathered {
  fields: Record<string, unknown>;
  /** The path in the payload that a field name was read from. */
  pathOf: (field: string | number) => Path;
}

export function gatherFields(body: Record<string, unknown>, names: readonly string[]): Gathered | PayloadIssue {
  const fields: Record<string, unknown> = {};
  const paths = new Map<string, Path>();
  const take = (name: string, value: unknown, path: Path) => {
    if (!names.includes(name) || paths.has(name) || value === undefined) return;
    fields[name] = value;
    paths.set(name, path);
  };
  for (const name of names) take(name, body[name], [name]);
  const nested = body.AdditionalFields;
  if (Array.isArray(nested)) {
    nested.forEach((pair, index) => {
      if (isRecord(pair) && typeof pair.Name === 'string') take(pair.Name, pair.Value, ['AdditionalFields', index, 'Value']);
    });
  } else if (isRecord(nested)) {
    for (const name of names) take(name, nested[name], ['AdditionalFields', name]);
  } else if (nested !== undefined && nested !== null) {
    return { path: ['AdditionalFields'], message: 'expected an object or a list of {Name, Value}', code: 'invalid_type' };
  }
  return { fields, pathOf: (field) => paths.get(String(field)) ?? [field] };
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
