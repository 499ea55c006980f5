// Hostile input over HTTP: each gets the right status and a log line, leaves the state as it
// was, and the process keeps serving.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vonageSecret, vonageToken, webexSign } from '../signatures/signers.js';
import { webexSample } from '../store/feeds.js';
import { type Harness, startServer } from './harness.js';
import { webexEvent } from './webexEvents.js';

const WEBEX_SECRET = 'webex-test-secret';
const VONAGE_SECRET = vonageSecret();
const [seed] = webexSample(1);
const seedLine = seed!.line;
let server: Harness;
let stateBefore: unknown;

beforeAll(async () => {
  // The clock near the sample's event times, as a live receiver's would be.
  server = await startServer({ bodyLimit: 16 * 1024, webexSecret: WEBEX_SECRET, vonageSecret: VONAGE_SECRET }, seed!.time + 60_000);
  const seeded = await server.post('webex', seedLine, { 'content-type': 'application/json', 'x-webexcc-signature': webexSign(seedLine, WEBEX_SECRET) });
  expect(seeded.status).toBe(200);
  stateBefore = await views();
});

/** The agents and tasks (the stats rightly count the refused deliveries that were logged). */
async function views(): Promise<unknown> {
  const { agents, tasks } = (await server.get('/state')).body as { agents: unknown; tasks: unknown };
  return { agents, tasks };
}
afterAll(() => server.close());

const json = { 'content-type': 'application/json' };
const signed = (body: string | Uint8Array, extra: Record<string, string> = {}) => ({ ...json, 'x-webexcc-signature': webexSign(body, WEBEX_SECRET), ...extra });

interface Case {
  name: string;
  send: () => Promise<{ status: number; body: Record<string, unknown> }>;
  status: number;
  logged: RegExp;
}

const deep = `{"data":${'['.repeat(5000)}${']'.repeat(5000)},"b":"prototype"}`;
const proto = '{"id":"p-1","specversion":"1.0","type":"task:new","source":"/s","data":{"taskId":"t-p","createdTime":1,"__proto__":{"polluted":"yes"}}}';
const ctor = '{"id":"p-2","specversion":"1.0","type":"task:new","source":"/s","data":{"taskId":"t-q","createdTime":1},"constructor":{"prototype":{"polluted":"yes"}}}';

const cases: Case[] = [
  { name: 'non-JSON', send: () => server.post('webex', 'not json {', signed('not json {')), status: 400, logged: /dead-letter/ },
  { name: 'invalid UTF-8', send: () => server.post('webex', Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), signed(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))), status: 400, logged: /dead-letter/ },
  { name: 'empty body', send: () => server.post('telax', '', json), status: 400, logged: /dead-letter/ },
  { name: 'a JSON array', send: () => server.post('telax', '[1,2,3]', json), status: 400, logged: /dead-letter/ },
  { name: 'wrong content type', send: () => server.post('webex', seedLine, { 'content-type': 'text/plain' }), status: 415, logged: /refused/ },
  { name: 'form content type', send: () => server.post('telax', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415, logged: /refused/ },
  { name: 'no content type', send: () => server.post('telax', Uint8Array.from(Buffer.from('{}')), {}), status: 415, logged: /refused/ },
  { name: 'oversized body', send: () => server.post('telax', `{"pad":"${'x'.repeat(32 * 1024)}"}`, json), status: 413, logged: /refused/ },
  { name: 'deep nesting', send: () => server.post('telax', deep, json), status: 400, logged: /dead-letter/ },
  { name: '__proto__ key', send: () => server.post('webex', proto, signed(proto)), status: 400, logged: /dead-letter/ },
  { name: 'constructor.prototype keys', send: () => server.post('webex', ctor, signed(ctor)), status: 400, logged: /dead-letter/ },
  { name: 'unknown source', send: () => server.post('__proto__', '{}', json), status: 404, logged: /refused/ },
  { name: 'missing signature', send: () => server.post('webex', seedLine, json), status: 401, logged: /signature/ },
  {
    name: 'bad signature',
    send: () => server.post('webex', seedLine, { ...json, 'x-webexcc-signature': webexSign(seedLine, 'another-secret') }),
    status: 401,
    logged: /signature/,
  },
  {
    name: 'signature of another body',
    send: () => server.post('webex', seedLine.replace('Available', 'Idle'), signed(seedLine)),
    status: 401,
    logged: /signature/,
  },
  {
    name: 'Vonage token for another body',
    send: async () => server.post('vonage', '{"a":1}', { ...json, 'vonage-signature': `Bearer ${await vonageToken('{"a":2}', VONAGE_SECRET, { issuedAtMs: server.clock.now })}` }),
    status: 401,
    logged: /signature/,
  },
];

describe('hostile input over HTTP', () => {
  it.each(cases)('$name → $status, a log line, state untouched', async ({ send, status, logged }) => {
    const logsBefore = server.logs.length;
    const answer = await send();
    expect(answer.status).toBe(status);
    const newLines = server.logs.slice(logsBefore);
    expect(newLines.some((line) => (line['level'] as number) >= 40 && logged.test(String(line['msg'])))).toBe(true);
    expect(await views()).toEqual(stateBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await server.get('/healthz')).status).toBe(200);
  });

  it('takes a signed V2 delivery once, a replay inside the window as a duplicate, and refuses it outside', async () => {
    const sentAt = server.clock.now;
    const body = webexEvent('v2-1', 'task:new', { taskId: 't-v2', channelType: 'telephony', createdTime: sentAt - 1000 }, { comciscotimestamp: sentAt });
    const headers = signed(body, { 'x-webexcc-timestamp': String(sentAt) });
    expect(await server.post('webex', body, headers)).toMatchObject({ status: 200, body: { status: 'applied' } });
    const afterFirst = await views();
    expect(await server.post('webex', body, headers)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    server.clock.now = sentAt + 10 * 60_000;
    try {
      expect(await server.post('webex', body, headers)).toMatchObject({ status: 401, body: { reason: expect.stringMatching(/from now/) } });
    } finally {
      server.clock.now = sentAt;
    }
    expect(await views()).toEqual(afterFirst);
    stateBefore = afterFirst;
  });

  it('keeps serving through a burst of hostile requests', async () => {
    const bodies = Array.from({ length: 200 }, (_, index) => (index % 2 ? deep : `{"x":"${createHash('sha256').update(String(index)).digest('hex')}"}`));
    const answers = await Promise.all(bodies.map((body) => server.post('telax', body, json)));
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([400]));
    expect(await views()).toEqual(stateBefore);
    expect((await server.get('/healthz')).body).toMatchObject({ status: 'ok' });
  });
});
