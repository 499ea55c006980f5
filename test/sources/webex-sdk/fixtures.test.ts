// The Webex SDK's own task data (its unit tests' fixtures, fixtures/PROVENANCE.md) as lines of
// the webex-sdk source: what each asserts, and a lifecycle built from them with fresh times (the
// files share one eventTime). The other sources' examples (webex/fixtures holds webhooks for
// the `webex` source): auto-detection never takes one of them for an SDK event.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { webexSdkAdapter } from '../../../src/sources/webex-sdk/adapter.js';
import { otherVendorsExamples } from '../vendorFixtures.js';
import { when, whenLine } from './build.js';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'));

const AGENT = '723a8ffb-a26e-496d-b14a-ff44fb83b64f';
const TASK = '0ae913a4-c857-4705-8d49-76dd3dde75e4';

describe("webex-sdk and the SDK's own task data", () => {
  it('AgentContactReserved as task:incoming: the task offered, its agent reserved; media type from the interaction, id from the top level', () => {
    when('task:incoming', fixture('TaskManager_AGENT_CONTACT_RESERVED')).then([
      { on: `task:${TASK}`, type: 'task.offered', agentJoined: AGENT, attributes: { channelType: 'telephony' } },
      { on: `agent:${AGENT}`, type: 'agent.work', taskId: TASK, work: 'reserved' },
    ]);
  });

  it('ContactEnded as task:end: the task ended; no wrap-up asked for, so the work is over', () => {
    when('task:end', fixture('TaskManager_CONTACT_ENDED')).then([
      { on: `task:${TASK}`, type: 'task.ended' },
      { on: `agent:${AGENT}`, type: 'agent.workEnded', taskId: TASK },
    ]);
  });

  it('AgentInviteFailed as task:rejected with its reason, the task beside it: queued again, the agent leaves', () => {
    const task = fixture('TaskManager_AGENT_INVITE_FAILED');
    whenLine({ event: 'task:rejected', payload: task.reason, task }).then([
      { on: `task:${TASK}`, type: 'task.queued', agentLeft: AGENT },
      { on: `agent:${AGENT}`, type: 'agent.workEnded', taskId: TASK },
    ]);
  });

  it("a conference's participants: both agents are on the task, the customer is not an agent", () => {
    when('task:conferenceStarted', fixture('TaskUtils_conference')).then([
      { on: 'task:interaction-123', type: 'task.conferencing' },
      { on: 'task:interaction-123', type: 'task.updated', agentJoined: 'agent-123' },
      { on: 'task:interaction-123', type: 'task.updated', agentJoined: 'agent-456' },
    ]);
  });

  it('a lifecycle from the fixtures, each step at a fresh time: offered, connected, ended, the agent free again', () => {
    const reserved = fixture('TaskManager_AGENT_CONTACT_RESERVED');
    const steps: [string, Record<string, unknown>][] = [
      ['agent:stationLoginSuccess', { agentId: AGENT, eventTime: 1_000, subStatus: 'Available' }],
      ['task:incoming', { ...reserved, eventTime: 2_000 }],
      ['task:assigned', { ...reserved, type: 'AgentContactAssigned', eventTime: 3_000 }],
      ['task:end', { ...fixture('TaskManager_CONTACT_ENDED'), eventTime: 4_000 }],
    ];
    const engine = createEngine();
    for (const [event, payload] of steps) expect(engine.ingest({ source: 'webex-sdk', body: { event, payload } }).status).toBe('applied');
    expect(engine.tasks().find((task) => task.id === TASK)).toMatchObject({ state: 'ended' });
    expect(engine.agents().find((agent) => agent.id === AGENT)).toMatchObject({ state: 'available' });
  });
});

describe('webex-sdk and the vendor fixtures', () => {
  it('recognises SDK lines, a failure event without payload included', () => {
    expect(webexSdkAdapter.recognizes({ body: { event: 'task:assigned', payload: {} }, headers: {} })).toBe(true);
    expect(webexSdkAdapter.recognizes({ body: { event: 'agent:logoutFailed' }, headers: {} })).toBe(true);
    expect(webexSdkAdapter.recognizes({ body: { event: 'agent:logoutFailed', type: 'x' }, headers: {} })).toBe(false);
  });

  it('recognises nothing else: no object, an event name of another shape, an event that is not a string', () => {
    for (const body of [null, 'task:assigned', ['task:assigned'], { event: 'channel.held.v1', payload: {} }, { event: ['task:assigned'], payload: {} }]) {
      expect(webexSdkAdapter.recognizes({ body, headers: {} }), JSON.stringify(body)).toBe(false);
    }
  });

  it("no vendor's fixture is taken for an SDK event", () => {
    const examples = otherVendorsExamples('webex-sdk');
    expect(examples.length).toBeGreaterThan(0);
    for (const { source, name, body } of examples) {
      expect(webexSdkAdapter.recognizes({ body, headers: {} }), `${source}/${name}`).toBe(false);
    }
  });
});
