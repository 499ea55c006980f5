// The Webex adapter validates with zod-compiled schemas (fields.ts `compiled`) and takes the
// envelope's fast path. Whatever a delivery holds, it must answer exactly what the reference
// adapter (zod's runtime parser on the schemas as written) does: the same events, key order
// included (the ledger fingerprints their JSON), the same ignored reasons, the same issues.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdapterResult } from '../../../src/sources/adapter.js';
import { createWebexAdapter, webexAdapter } from '../../../src/sources/webex/adapter.js';
import { fuzzedWebexBody } from './fuzzedDeliveries.js';

const reference = createWebexAdapter('reference');

describe('webex: the fast adapter', () => {
  it('still maps, on zod’s runtime parser, where code generation is disallowed', () => {
    const script = `const { webexAdapter } = await import('./src/sources/webex/adapter.ts');
      const body = { id: 'e1', type: 'task:new', data: { taskId: 't1', createdTime: 5 } };
      console.log(JSON.stringify(webexAdapter.toEvents({ body, headers: {} })));`;
    const run = spawnSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', cwd: new URL('../../../', import.meta.url) },
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'events', events: [{ type: 'task.new', entity: { kind: 'task', id: 't1' }, time: 5 }] });
  });

  it('answers every fuzzed delivery exactly as the reference adapter does', () => {
    const kinds: Record<AdapterResult['kind'], number> = { events: 0, ignored: 0, rejected: 0 };
    fc.assert(
      fc.property(fuzzedWebexBody, (body) => {
        const before = JSON.stringify(body);
        const fast = webexAdapter.toEvents({ body, headers: {} });
        expect(JSON.stringify(body), 'the delivery is left as it was').toBe(before);
        const slow = reference.toEvents({ body, headers: {} });
        expect(fast).toStrictEqual(slow);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
        kinds[slow.kind]++;
      }),
      { numRuns: 4_000 },
    );
    // The fuzz is only worth something if both answers come out in quantity.
    expect(kinds.events).toBeGreaterThan(1_000);
    expect(kinds.rejected).toBeGreaterThan(1_000);
  });
});
