// Every Vonage example in fixtures/ (provenance in fixtures/PROVENANCE.md)
// parses and maps, or is rejected with its reason when the published example is not JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { parseDelivery } from '../../../src/sources/delivery.js';
import { recognize } from '../../../src/sources/registry.js';
import { vonageAdapter } from '../../../src/sources/vonage/adapter.js';

const FIXTURES = new URL('fixtures/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, FIXTURES), 'utf8');

const INTERACTION = '1371f451-116a-4abc-8869-bc678ef67070';
const FIXTURE_TIME = Date.parse('2022-08-30T14:34:36.088Z');

/** What each fixture asserts: [task assertion, agent assertion]; all are the agent party's channel. */
const EXPECTED: Record<string, [string, string]> = {
  'channel.alerted.v1.json': ['task.offered', 'agent.work'],
  'channel.connected.v0.json': ['task.connected', 'agent.work'],
  'channel.connectionfailed.v0.json': ['task.queued', 'agent.workEnded'],
  'channel.ended.v0.json': ['task.closed', 'agent.workEnded'],
  'channel.held.v0.json': ['task.held', 'agent.work'],
  'channel.parked.v0.json': ['task.suspended', 'agent.work'],
  'channel.resumed.v0.json': ['task.connected', 'agent.work'],
  'channel.unparked.v0.json': ['task.connected', 'agent.work'],
  'channel.wrapstarted.v0.json': ['task.wrapup', 'agent.work'],
};
const PRESENCE = 'agent.presencechanged.v0.comma-fixed.json';
const NOT_JSON = 'agent.presencechanged.v0.VERBATIM-NOT-VALID-JSON.txt';

function parsed(file: string) {
  const result = parseDelivery({ body: read(file) });
  if (!result.ok) throw new Error(`${file}: ${result.reason}`);
  return result.delivery;
}

describe('vonage fixtures', () => {
  it('every fixture file has an expectation here', () => {
    const files = readdirSync(FIXTURES).filter((file) => file !== 'PROVENANCE.md');
    expect(files.sort()).toEqual([...Object.keys(EXPECTED), PRESENCE, NOT_JSON].sort());
  });

  it.each(Object.entries(EXPECTED))('%s is recognised as vonage and maps to %j', (file, [taskType, agentType]) => {
    const delivery = parsed(file);
    expect(recognize(delivery)?.id).toBe('vonage');
    const result = vonageAdapter.toEvents(delivery);
    expect(result.kind).toBe('events');
    if (result.kind !== 'events') return;
    expect(result.events.map((event) => [event.entity, event.type])).toEqual([
      [{ kind: 'task', id: INTERACTION }, taskType],
      [{ kind: 'agent', id: '1544' }, agentType],
    ]);
    expect(result.events.every((event) => event.time === FIXTURE_TIME && event.id.startsWith('/channel#'))).toBe(true);
  });

  it(`${PRESENCE}: ready (outbound) → agent 1 available`, () => {
    const delivery = parsed(PRESENCE);
    expect(recognize(delivery)?.id).toBe('vonage');
    const result = vonageAdapter.toEvents(delivery);
    expect(result).toMatchObject({
      kind: 'events',
      events: [
        {
          type: 'agent.presence',
          presence: 'available',
          entity: { kind: 'agent', id: '1' },
          id: '/agent#2VejGqWZPqHXHVNcfUPUO8IASAp',
          time: Date.parse('2023-09-20T09:49:05.946Z'),
        },
      ],
    });
  });

  it(`${NOT_JSON}: the published example (a missing comma) is rejected as not JSON`, () => {
    const result = parseDelivery({ body: read(NOT_JSON) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^body is not JSON/);
  });

  it(`${NOT_JSON}: the engine rejects it with that reason and keeps no state`, () => {
    const engine = createEngine();
    const outcome = engine.ingest({ source: 'vonage', body: read(NOT_JSON) });
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/not JSON/) });
    expect(engine.agents()).toEqual([]);
  });
});

/** A fixture body with its CloudEvents id and both its times replaced. */
function fresh(file: string, id: string, at: number): string {
  const body = JSON.parse(read(file)) as { id: string; time: string; data: { timestamp: string } };
  const iso = new Date(at).toISOString();
  return JSON.stringify({ ...body, id, time: iso, data: { ...body.data, timestamp: iso } });
}

describe('vonage fixtures through the engine', () => {
  const SHARED = ['channel.alerted.v1.json', 'channel.connected.v0.json', 'channel.held.v0.json', 'channel.ended.v0.json'];

  it('given the verbatim files that share one CloudEvents id, when ingested, then the first is kept and each later one is reported a conflict', () => {
    const engine = createEngine();
    const statuses = SHARED.map((file) => engine.ingest({ source: 'vonage', body: read(file) }).status);
    expect(statuses).toEqual(['applied', 'conflict', 'conflict', 'conflict']);
    expect(engine.task(INTERACTION)?.state).toBe('offered');
  });

  it('given a verbatim file delivered twice, then the second is a duplicate and changes nothing', () => {
    const engine = createEngine();
    engine.ingest({ source: 'vonage', body: read('channel.alerted.v1.json') });
    const before = engine.task(INTERACTION);
    expect(engine.ingest({ source: 'vonage', body: read('channel.alerted.v1.json') }).status).toBe('duplicate');
    expect(engine.task(INTERACTION)).toEqual(before);
  });

  it('given the same bodies with fresh ids and times, when the call is alerted, connected, held, resumed, wrapped and ended, then the task follows', () => {
    const engine = createEngine();
    const steps: [string, string][] = [
      ['channel.alerted.v1.json', 'offered'],
      ['channel.connected.v0.json', 'connected'],
      ['channel.held.v0.json', 'held'],
      ['channel.resumed.v0.json', 'connected'],
      ['channel.wrapstarted.v0.json', 'wrapup'],
      ['channel.ended.v0.json', 'closed'],
    ];
    steps.forEach(([file, state], step) => {
      const outcome = engine.ingest({ source: 'vonage', body: fresh(file, `fresh-${step}`, FIXTURE_TIME + step * 1000) });
      expect(outcome.status, file).toBe('applied');
      expect(engine.task(INTERACTION)?.state, file).toBe(state);
    });
  });
});
