// The Webex adapter on its own: what it answers for a payload, before any engine.
import { describe, expect, it } from 'vitest';
import { webexAdapter } from '../../../src/sources/webex/adapter.js';

const toEvents = (body: unknown) => webexAdapter.toEvents({ body, headers: {} });

describe('webex adapter', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a type named like an Object.prototype member (%s) is an unknown type, not a task event',
    (type) => {
      const result = toEvents({ id: 'e1', type, data: { taskId: 't1', createdTime: 1_700_000_000_000 } });
      expect(result).toMatchObject({ kind: 'rejected', issues: [{ path: ['type'], message: `unknown Webex event type "${type}"` }] });
    },
  );
});
