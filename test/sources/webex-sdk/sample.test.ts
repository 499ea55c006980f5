// examples/webex-sdk-sample.ndjson through the engine: three agents, a call with hold and
// wrap-up, a RONA followed by a consult, and a chat that survives a page reload (hydrate).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { recognize } from '../../../src/sources/registry.js';

const SAMPLE = new URL('../../../examples/webex-sdk-sample.ndjson', import.meta.url);
const lines = readFileSync(SAMPLE, 'utf8').split('\n').filter((line) => line.trim() !== '');

function replaySample() {
  const engine = createEngine();
  const outcomes = lines.map((line) => engine.ingest({ body: line }));
  return { engine, outcomes };
}

describe('the webex-sdk sample feed', () => {
  it('is recognised line by line as webex-sdk', () => {
    for (const line of lines) expect(recognize({ body: JSON.parse(line), headers: {} })?.id).toBe('webex-sdk');
  });

  it('has no rejected line; the failed state change is ignored', () => {
    const statuses = replaySample().outcomes.map((outcome) => outcome.status);
    expect(statuses).not.toContain('rejected');
    expect(statuses.filter((status) => status === 'ignored')).toHaveLength(1);
  });

  it('ends with each agent where the feed leaves them', () => {
    const { engine } = replaySample();
    expect(engine.agent('agent-ana')).toMatchObject({ state: 'engaged', tasks: ['call-1002'] });
    expect(engine.agent('agent-ben')).toMatchObject({
      state: 'loggedOut',
      channels: { telephony: 'loggedOut', chat: 'loggedOut', email: 'loggedOut', social: 'loggedOut' },
    });
    expect(engine.agent('agent-cy')).toMatchObject({ state: 'available', tasks: [] });
  });

  it('ends with each task where the feed leaves it', () => {
    const { engine } = replaySample();
    expect(engine.task('call-1001')).toMatchObject({ state: 'closed', agents: ['agent-ana'], recording: 'active', gaps: 0 });
    // Ben was offered the call (RONA), then consulted on it: he has left it both times.
    expect(engine.task('call-1002')).toMatchObject({ state: 'connected', agents: ['agent-ana'] });
    expect(engine.task('sdk-chat-2001')).toMatchObject({ state: 'ended', channelType: 'chat', gaps: 0 });
  });

  it('takes a redelivered line as a duplicate (derived ids)', () => {
    const { engine } = replaySample();
    expect(engine.ingest({ body: lines[4]! }).status).toBe('duplicate');
  });
});
