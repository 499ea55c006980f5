// Every 8x8 example in fixtures/ (provenance in fixtures/PROVENANCE.md) parses and
// maps, is ignored or rejected with its reason — each file's outcome is listed here.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eightByEightAdapter } from '../../../src/sources/8x8/adapter.js';
import type { ParsedDelivery } from '../../../src/sources/adapter.js';
import { parseDelivery } from '../../../src/sources/delivery.js';
import { recognize } from '../../../src/sources/registry.js';

const FIXTURES = new URL('fixtures/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, FIXTURES), 'utf8');

type Expected =
  | { events: string[] }
  | { ignored: RegExp }
  | { rejected: RegExp; recognised: boolean };

const STREAMING = /^8x8: (Interaction|AgentStatusChange|AgentProvChange|payload): 8x8 Event Streaming \(a Pulsar WebSocket stream, not a webhook\) is not supported/;
const ACTIVITY: Expected = { ignored: /^8x8: ACTIVITY/ };

const EXPECTED: Record<string, Expected> = {
  'chat-gateway_ACTIVITY_adaptiveCard_action.json': ACTIVITY,
  'chat-gateway_ACTIVITY_cpaas_interactive_reply.json': ACTIVITY,
  'chat-gateway_ACTIVITY_envelope_generic.json': ACTIVITY,
  'chat-gateway_ACTIVITY_quickReply_action.json': ACTIVITY,
  'chat-gateway_ACTIVITY_read-receipts.json': ACTIVITY,
  'chat-gateway_ACTIVITY_typing_active.json': ACTIVITY,
  'chat-gateway_ACTIVITY_typing_stopped.json': ACTIVITY,
  'chat-gateway_CONVERSATION_UPDATE.json': { events: ['task.updated'] },
  'chat-gateway_MEMBERS_CHANGED.json': { events: ['task.connected', 'agent.work'] },
  'chat-gateway_MESSAGE.json': { events: ['task.updated'] },
  'chat-gateway_QUEUED.json': { events: ['task.queued'] },
  'chat-gateway_TRANSFER.json': { events: ['task.queued'] },
  'chat-gateway_WEB_HOOK_VERIFY.json': { ignored: /^8x8: WEB_HOOK_VERIFY/ },
  // The docs' template, with "<EVENT_TYPE>" for the type: no event type we know.
  'chat-gateway_envelope_generic.json': { rejected: /^8x8: eventType: /, recognised: false },
  'event-streaming_AgentProvChange.json': { rejected: STREAMING, recognised: true },
  'event-streaming_AgentStatusChange.json': { rejected: STREAMING, recognised: true },
  'event-streaming_InteractionAssigned.json': { rejected: STREAMING, recognised: true },
  'event-streaming_InteractionCreated.json': { rejected: STREAMING, recognised: true },
  'event-streaming_InteractionDeleted.json': { rejected: STREAMING, recognised: true },
  'event-streaming_InteractionQueued.json': { rejected: STREAMING, recognised: true },
  'event-streaming_InteractionRejected.json': { rejected: STREAMING, recognised: true },
  'event-streaming_LineHoldStatus.json': { rejected: STREAMING, recognised: true },
  'event-streaming_RecordingStatus.json': { rejected: STREAMING, recognised: true },
  'event-streaming_pulsar-websocket-message-wrapper.json': { rejected: STREAMING, recognised: true },
  'legacy-chat-api_AGENT_JOINED.json': { events: ['task.connected', 'agent.work'] },
  'legacy-chat-api_AGENT_LEFT.json': { events: ['task.ended', 'agent.workEnded'] },
  'legacy-chat-api_QUEUED.json': { events: ['task.queued'] },
  'legacy-chat-api_TEXT.json': { events: ['task.updated'] },
  'legacy-chat-api_TRANSFER.json': { events: ['task.queued'] },
  'legacy-chat-api_WEB_HOOK_VERIFY.json': { ignored: /^8x8: WEB_HOOK_VERIFY/ },
  // The data a signature covers, not a webhook.
  'signature_detached-jws-payload_example.json': { rejected: /^8x8: eventType: /, recognised: false },
};
const SIGNED_BODY = 'legacy-chat-api_AGENT_JOINED_signed-curl-example_body.json';
const SIGNED_HEADERS = 'legacy-chat-api_AGENT_JOINED_signed-curl-example_headers.txt';
const NOT_JSON = 'legacy-chat-api_eventType_fragment.NOT-VALID-JSON.txt';

function parsed(file: string, headers: Record<string, string> = {}): ParsedDelivery {
  const result = parseDelivery({ body: read(file), headers });
  if (!result.ok) throw new Error(`${file}: ${result.reason}`);
  return result.delivery;
}

/** `name: value` lines, as in the docs' curl example. */
function headersOf(file: string): Record<string, string> {
  const lines = read(file).split('\n').filter((line) => line.includes(':'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
}

describe('8x8 fixtures', () => {
  it('every fixture file has an expectation here', () => {
    const files = readdirSync(FIXTURES).filter((file) => file !== 'PROVENANCE.md');
    expect(files.sort()).toEqual([...Object.keys(EXPECTED), SIGNED_BODY, SIGNED_HEADERS, NOT_JSON].sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const delivery = parsed(file);
    const result = eightByEightAdapter.toEvents(delivery);
    if ('events' in expected) {
      expect(recognize(delivery)?.id).toBe('8x8');
      expect(result.kind === 'events' && result.events.map((event) => event.type)).toEqual(expected.events);
    } else if ('ignored' in expected) {
      expect(recognize(delivery)?.id).toBe('8x8');
      expect(result).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(expected.ignored) });
    } else {
      expect(eightByEightAdapter.recognizes(delivery)).toBe(expected.recognised);
      expect(result).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(expected.rejected) });
    }
  });

  it(`${SIGNED_BODY} with its headers: the id is the x-8x8-event-id header, the time its timestamp`, () => {
    const result = eightByEightAdapter.toEvents(parsed(SIGNED_BODY, headersOf(SIGNED_HEADERS)));
    expect(result).toMatchObject({
      kind: 'events',
      events: [
        { type: 'task.connected', id: 'g4nqGuj8TpCa6tiZ3DeeNw', time: 1629804577002, entity: { kind: 'task', id: 'Aka5NMHU8MtIG7lUQOxI0DTOvM4' } },
        { type: 'agent.work', id: 'g4nqGuj8TpCa6tiZ3DeeNw', entity: { kind: 'agent', id: 'cmalutan' } },
      ],
    });
  });

  it(`${NOT_JSON}: the docs' "…" fragment is rejected as not JSON`, () => {
    const result = parseDelivery({ body: read(NOT_JSON) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^body is not JSON/);
  });
});
