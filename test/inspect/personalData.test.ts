// What reaches an inspector masks personal data unless asked otherwise: the attributes adapters
// mark personal whole, e-mail addresses and phone numbers wherever they appear.
import type { InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type EngineOptions } from '../../src/index.js';
import { personalDataMask } from '../../src/inspect/personalData.js';

const T = 1_700_000_000_000;
const CALLER = '+1 415 555 0123';
const CALLER_NAME = 'Jane Q. Customer';
const AGENT_NUMBER = '+44 20 7946 0958';
const AGENT_EMAIL = 'maria.lopez@example.com';
const PERSONAL = [CALLER, CALLER_NAME, AGENT_NUMBER, AGENT_EMAIL, '4155550123', 'maria.lopez'];

/** Everything an inspector received, as the text a viewer would get. */
function whatTheInspectorSaw(options: EngineOptions = {}): string {
  const seen: InspectionEvent[] = [];
  const engine = createEngine({ ...options, inspect: (event) => seen.push(event) });
  const body = (value: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(value) });
  engine.ingest(body(webhook.taskEvent('n1', T, 'task:new', 'call-1', { origin: CALLER, destination: CALLER_NAME, direction: 'INBOUND' })));
  engine.ingest(body({ ...webhook.agentLogin('l1', T, AGENT_EMAIL, 'team', true), data: { ...webhook.agentLogin('l1', T, AGENT_EMAIL, 'team', true).data, destination: AGENT_NUMBER } }));
  engine.ingest(body(webhook.agentStateChange('s1', T + 10, AGENT_EMAIL, 'ringing', { taskId: 'call-1' })));
  engine.inspectEntities({ next: (event) => seen.push(event) });
  return JSON.stringify(
    seen.map((event) => ({
      actor: (event.actorRef as unknown as { id: string }).id,
      event: (event as { event?: unknown }).event,
      snapshot: (event as { snapshot?: unknown }).snapshot,
    })),
  );
}

describe('personal data sent to an inspector', () => {
  it('is masked by default: caller number and name, the agent number, an e-mail used as an agent id', () => {
    const seen = whatTheInspectorSaw();
    for (const value of PERSONAL) expect(seen).not.toContain(value);
    expect(seen).toMatch(/"origin":"\[phone [0-9a-f]{6}\]"/);
    expect(seen).toMatch(/"destination":"\[personal [0-9a-f]{6}\]"/);
    expect(seen).toMatch(/"actor":"agent:\[email [0-9a-f]{6}\]"/);
    // What is not personal still shows: ids, states, times.
    expect(seen).toContain('"actor":"task:call-1"');
    expect(seen).toContain('"value":"offered"');
  });

  it('is sent as it is only when asked to', () => {
    const seen = whatTheInspectorSaw({ inspectPersonalData: 'unmasked' });
    for (const value of [CALLER, CALLER_NAME, AGENT_NUMBER, AGENT_EMAIL]) expect(seen).toContain(value);
  });

  it('masks a value the same way within a run, differently with another key, and leaves ids and numbers alone', () => {
    const mask = personalDataMask(Buffer.from('key one'));
    const again = personalDataMask(Buffer.from('key one'));
    const other = personalDataMask(Buffer.from('key two'));
    const value = {
      attributes: { origin: CALLER, destination: 'chat@example.org', queueId: 'q1' },
      capture: `https://captures.example/${CALLER}/x`,
      note: 'call +33 1 23 45 67 89 or write to a.b+c@mail.example.co.uk',
      taskId: '3f9a8d7e-1234-5678-9012-345678901234',
      time: 1762074000000,
      gaps: [{ eventId: 'e-000123456789' }],
    };
    const masked = mask.value(value);
    expect(masked).toEqual({
      attributes: { origin: expect.stringMatching(/^\[phone \w{6}\]$/), destination: expect.stringMatching(/^\[email \w{6}\]$/), queueId: 'q1' },
      capture: expect.stringMatching(/^https:\/\/captures\.example\/\[phone \w{6}\]\/x$/),
      note: expect.stringMatching(/^call \[phone \w{6}\] or write to \[email \w{6}\]$/),
      taskId: value.taskId,
      time: value.time,
      gaps: value.gaps,
    });
    expect(again.value(value)).toEqual(masked);
    expect(other.value(value).attributes.origin).not.toBe(masked.attributes.origin);
    expect(value.attributes.origin).toBe(CALLER);
  });
});
