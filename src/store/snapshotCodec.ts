// Engine snapshots as text. JSON has no Infinity or NaN, and a snapshot holds some (the watermark
// of an engine that has seen nothing is -Infinity; an authoritative base's rank is +Infinity):
// written as plain JSON they would come back as null and change how the engine compacts and orders.
//
// Both ways are a walk beside plain JSON, not a replacer or reviver function: JSON.parse with a
// reviver is several times slower on a day's checkpoint (bench/README.md), and a restart reads the
// whole checkpoint this way.
import type { LedgerRow } from '../engine/entityLedgers.js';
import type { EntityRef } from '../events/canonical.js';
import type { LedgerSnapshot } from '../ledger/entityLedger.js';

const NON_FINITE = '$nonFinite';

export function encodeSnapshot(value: unknown): string {
  return JSON.stringify(withFiniteNumbers(value));
}

export function decodeSnapshot<T>(text: string): T {
  return withNonFiniteNumbers(JSON.parse(text)) as T;
}

/** `value` as JSON.stringify sees it, each non-finite number written as a marker; copies only what changes. */
function withFiniteNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [NON_FINITE]: String(value) };
  if (typeof value !== 'object' || value === null) return value;
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return withFiniteNumbers(json.call(value));
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const written = withFiniteNumbers(item);
      if (written !== item) (copy ??= [...value])[index] = written;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    const written = withFiniteNumbers(field);
    if (written !== field) (copy ??= { ...value })[key] = written;
  }
  return copy ?? value;
}

/** Parsed JSON with each marker turned back into its number (in place: the value is fresh from JSON.parse). */
function withNonFiniteNumbers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = withNonFiniteNumbers(value[index]);
    return value;
  }
  const fields = value as Record<string, unknown>;
  const keys = Object.keys(fields);
  const written = fields[NON_FINITE];
  if (keys.length === 1 && (written === 'Infinity' || written === '-Infinity' || written === 'NaN')) return Number(written);
  for (const key of keys) {
    const field = fields[key];
    if (typeof field === 'object' && field !== null) fields[key] = withNonFiniteNumbers(field);
  }
  return value;
}

/** A ledger's row as a store reads it: its entity, and the ledger as text. */
export interface LedgerTextRow {
  kind: EntityRef['kind'];
  id: string;
  ledger: string;
}

/** A row that decodes its text when asked (and holds only the text until then). */
export const ledgerRow = ({ kind, id, ledger }: LedgerTextRow): LedgerRow => ({ entity: { kind, id }, decode: () => decodeSnapshot<LedgerSnapshot>(ledger) });
