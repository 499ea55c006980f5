// examples/8x8-sample.ndjson: `replay` (with `--source auto`) turns it into the state it tells.
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/index.js';

const SAMPLE = new URL('../../../examples/8x8-sample.ndjson', import.meta.url);

describe('examples/8x8-sample.ndjson', () => {
  it('replays without rejections: a transfer that ended, a chat re-opened, a chat waiting', async () => {
    const rejected: unknown[] = [];
    const document = await replay(createReadStream(SAMPLE), 'auto', (line) => rejected.push(line));
    expect(rejected).toEqual([]);
    expect(document.tasks['chat-1001']).toMatchObject({ state: 'ended', agents: [], queueId: 'q-sales', channelType: 'chat' });
    expect(document.tasks['chat-2001']).toMatchObject({ state: 'connected', agents: ['cara'], origin: '+15550102030' });
    expect(document.tasks['chat-2002']?.state).toBe('queued');
    expect(document.agents['cara']).toMatchObject({ state: 'engaged', tasks: ['chat-2001'] });
    expect(document.agents['bob']?.tasks).toEqual([]);
    // WEB_HOOK_VERIFY and a typing ACTIVITY.
    expect(document.stats.outcomes.ignored).toBe(2);
  });
});
