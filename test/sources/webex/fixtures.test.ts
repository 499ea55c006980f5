// Every Webex webhook example in fixtures/ (provenance in fixtures/PROVENANCE.md) parses and maps, or is rejected/ignored with its reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';

const FIXTURES = new URL('fixtures/', import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, FIXTURES), 'utf8');
const ingest = (path: string) => {
  const engine = createEngine();
  return { engine, outcome: engine.ingest({ source: 'webex', body: fixture(path) }) };
};

describe('Webex fixtures', () => {
  it.each(['task-failed_SECONDARY.json', '01_task-failed_byoc.json'])(
    '%s: task:failed ends the task with its reason (comciscotimestamp as a number)',
    (path) => {
      const { engine, outcome } = ingest(path);
      expect(outcome.status).toBe('applied');
      expect(engine.task('044ea619-a0ad-41a3-9ed9-c2563a9bd6b7')).toMatchObject({
        state: 'ended',
        endReason: 'CONVERSATION_ALREADY_OPEN',
        channelType: 'customMessaging',
        origin: 'customer@example.com',
      });
    },
  );

  it.each([
    'task-message-appended_SECONDARY.json',
    '02_task-message-appended_inbound_byoc.json',
    '03_task-message-append-failed_byoc.json',
    '04_task-message-appended_outbound_system_byoc.json',
    '05_task-message-appended_outbound_agent_byoc.json',
  ])('%s: messaging events carry no state and are ignored', (path) => {
    const { engine, outcome } = ingest(path);
    expect(outcome).toMatchObject({ status: 'ignored', source: 'webex' });
    expect(engine.tasks()).toEqual([]);
  });

  it.each(['agent-login_envelope_v2_SECONDARY.json', '06_envelope_agent-login_placeholder-data.json'])(
    '%s: the placeholder data has no agent id and is rejected (comciscotimestamp as a string is accepted)',
    (path) => {
      const { engine, outcome } = ingest(path);
      expect(outcome.status).toBe('rejected');
      expect(outcome.issues?.[0]?.path).toEqual(['data', 'agentId']);
      expect(engine.agents()).toEqual([]);
    },
  );

  it.each(['07_jds-publish_task-new_email.json', '08_jds-publish_task-ended_email.json'])(
    '%s: a Journey Data Service publish body (no event time) is rejected, naming the field',
    (path) => {
      const { outcome } = ingest(path);
      expect(outcome.status).toBe('rejected');
      expect(outcome.reason).toMatch(/^webex: data\.createdTime/);
    },
  );
});

describe('Webex envelope variants', () => {
  const base = {
    id: 'v-1',
    specversion: '1.0',
    type: 'task:new',
    source: '/com/cisco/wxcc/x',
    datacontenttype: 'application/json',
    data: { taskId: 't1', createdTime: 1700000000000 },
  };
  it.each([
    ['comciscoorgid', { ...base, comciscoorgid: 'org' }],
    ['comciscocorgid (the docs misspelling)', { ...base, comciscocorgid: 'org' }],
    ['comciscotimestamp as a string, no createdTime', { ...base, comciscotimestamp: '1700000000000', data: { taskId: 't1' } }],
    ['comciscotimestamp as a number, no createdTime', { ...base, comciscotimestamp: 1700000000000, data: { taskId: 't1' } }],
    ['unknown extra fields', { ...base, extension: { a: 1 }, data: { ...base.data, workflowManager: null, mediaMgr: 'x' } }],
    ['null optional fields', { ...base, data: { ...base.data, outboundType: null, queueId: null } }],
    ['only the required fields', { id: 'v-1', type: 'task:new', data: { taskId: 't1', createdTime: 1700000000000 } }],
  ])('accepts %s', (_name, body) => {
    const engine = createEngine();
    expect(engine.ingest({ source: 'webex', body: JSON.stringify(body) }).status).toBe('applied');
    expect(engine.task('t1')?.state).toBe('new');
    expect(engine.task('t1')?.enteredAt.new).toBe(1700000000000);
  });

  it('prefers data.createdTime over comciscotimestamp (the dispatch time)', () => {
    const engine = createEngine();
    engine.ingest({ source: 'webex', body: JSON.stringify({ ...base, comciscotimestamp: 1700000009999 }) });
    expect(engine.task('t1')?.enteredAt.new).toBe(1700000000000);
  });
});
