import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/events/canonical.js';
import { canonicalEvent } from '../../src/sources/canonicalEvent.js';

const envelope: Envelope = { source: 'webex', id: 'e1', time: 1, entity: { kind: 'task', id: 't1' } };

const hasUndefined = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).some((field) => field === undefined || hasUndefined(field));

/** Nested objects with undefined here and there; no own "__proto__" key: parseDelivery rejects one before any adapter runs. */
const assertions = fc.object({
  key: fc.string().filter((key) => key !== '__proto__'),
  values: [fc.constant(undefined), fc.string(), fc.integer(), fc.constant(null)],
  maxDepth: 3,
});

describe('canonicalEvent', () => {
  it('drops undefined fields, also nested ones, and puts the envelope last', () => {
    const event = canonicalEvent(envelope, {
      type: 'task.connected',
      agentJoined: undefined,
      attributes: { queueId: 'q1', origin: undefined, nested: { a: undefined } },
      capture: null,
    });
    expect(JSON.stringify(event)).toBe(
      '{"type":"task.connected","attributes":{"queueId":"q1","nested":{}},"capture":null,"source":"webex","id":"e1","time":1,"entity":{"kind":"task","id":"t1"}}',
    );
    expect(Object.keys(event.attributes ?? {})).toEqual(['queueId', 'nested']);
  });

  it('gives the JSON of the assertion spread with the envelope, without an undefined field left', () => {
    fc.assert(
      fc.property(assertions, (assertion) => {
        const event = canonicalEvent(envelope, assertion);
        expect(JSON.stringify(event)).toBe(JSON.stringify({ ...assertion, ...envelope }));
        expect(hasUndefined(event)).toBe(false);
      }),
    );
  });
});
