// Engine snapshots as text. JSON has no Infinity or NaN, and a snapshot holds some (the watermark
// of an engine that has seen nothing is -Infinity; an authoritative base's rank is +Infinity):
// written as plain JSON they would come back as null and change how the engine compacts and orders.
const NON_FINITE = '$nonFinite';

export function encodeSnapshot(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'number' && !Number.isFinite(field) ? { [NON_FINITE]: String(field) } : field,
  );
}

export function decodeSnapshot<T>(text: string): T {
  return JSON.parse(text, (_key, field: unknown) => {
    if (typeof field === 'object' && field !== null && NON_FINITE in field) {
      const keys = Object.keys(field);
      const written = (field as Record<string, unknown>)[NON_FINITE];
      if (keys.length === 1 && (written === 'Infinity' || written === '-Infinity' || written === 'NaN')) return Number(written);
    }
    return field;
  }) as T;
}
