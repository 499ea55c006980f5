// examples/vonage-sample.ndjson: `replay` (with `--source auto`) turns it into the state it tells.
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/index.js';

const SAMPLE = new URL('../../../examples/vonage-sample.ndjson', import.meta.url);

describe('examples/vonage-sample.ndjson', () => {
  it('replays without rejections into three agents and four interactions', async () => {
    const rejected: unknown[] = [];
    const document = await replay(createReadStream(SAMPLE), 'auto', (line) => rejected.push(line));
    expect(rejected).toEqual([]);
    const states = (views: Record<string, { state: string }>) =>
      Object.fromEntries(Object.entries(views).map(([id, view]) => [id, view.state]));
    // 1001 logged out after their call; 1002 is back on the email the call interrupted; 1003 took
    // the call 1001 did not answer.
    expect(states(document.agents)).toEqual({ '1001': 'loggedOut', '1002': 'engaged', '1003': 'engaged' });
    expect(states(document.tasks)).toEqual({ 'int-A': 'closed', 'int-B': 'connected', 'int-C': 'closed', 'int-D': 'connected' });
    expect(document.tasks['int-A']).toMatchObject({ endParty: 'customer', durations: { holdMs: 30_000, wrapupMs: 30_000 } });
    expect(document.tasks['int-B']?.durations.suspendedMs).toBe(198_000);
    expect(document.tasks['int-D']?.agents).toEqual(['1003']);
    expect(document.stats.entitiesWithGaps).toBe(0);
  });
});
