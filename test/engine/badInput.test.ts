// Bad input gets a clear error and loses nothing: rejected with the issue path, counted,
// kept in the dead-letter, never touching state; the other deliveries still apply.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/index.js';

const T = 1_700_000_000_000;
const good = JSON.stringify(webhook.agentLogin('g1', T, 'a1', 'team', true));
const stateChange = (data: Record<string, unknown>) =>
  JSON.stringify({ id: 'b1', specversion: '1.0', type: 'agent:state_change', data: { agentId: 'a2', currentState: 'idle', createdTime: T, ...data } });

const cases: [string, unknown, (string | number)[], RegExp][] = [
  ['not JSON', '{"id": "x", ', [], /not JSON/],
  ['a JSON array', '[1,2]', [], /expected object/],
  ['a wrong type', stateChange({ createdTime: 'yesterday' }), ['data', 'createdTime'], /data\.createdTime/],
  ['a missing agent id', stateChange({ agentId: undefined }), ['data', 'agentId'], /data\.agentId/],
  ['a missing event id', JSON.stringify({ type: 'task:new', data: { taskId: 't', createdTime: T } }), ['id'], /^webex: id:/],
  ['an unknown type', JSON.stringify({ id: 'u', type: 'agent:teleported', data: {} }), ['type'], /unknown Webex event type/],
  ['an unknown agent state', stateChange({ currentState: 'dancing' }), ['data', 'currentState'], /data\.currentState/],
  ['a huge string', stateChange({ agentId: 'x'.repeat(100_000) }), ['data', 'agentId'], /data\.agentId/],
  ['a body over the size limit', JSON.stringify({ id: 'x', type: 'task:new', data: { taskId: 't', pad: 'y'.repeat(2_000_000) } }), [], /larger than/],
  ['a __proto__ key', `{"id":"p","type":"task:new","data":{"taskId":"t","createdTime":${T},"__proto__":{"polluted":true}}}`, ['data', '__proto__'], /forbidden key/],
  ['a __proto__ key spelled with escapes', `{"id":"p","type":"task:new","data":{"\\u005f_proto__":{"polluted":true}}}`, ['data', '__proto__'], /forbidden key/],
  ['a body nested ten thousand deep', `{"id":"d","type":"task:new","data":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, [], /deeper than 64 levels/],
  ['an already-parsed body nested too deep', JSON.parse(`{"id":"d","data":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`), [], /deeper than 64 levels/],
  ['a constructor key deep inside', `{"id":"p","type":"task:new","data":{"taskId":"t","x":[{"constructor":{"prototype":{}}}]}}`, ['data', 'x', 0, 'constructor'], /forbidden key/],
];

describe('bad input', () => {
  it.each(cases)('%s is rejected with the issue path and never touches state', (_name, body, path, reason) => {
    const engine = createEngine();
    const outcome = engine.ingest({ source: 'webex', body });
    expect(outcome.status).toBe('rejected');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.issues?.[0]?.path).toEqual(path);
    expect(engine.agents()).toEqual([]);
    expect(engine.tasks()).toEqual([]);
    expect(engine.stats().outcomes.rejected).toBe(1);
    expect(engine.deadLetters()).toEqual([{ delivery: { source: 'webex', body }, outcome }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets the good deliveries around a bad one apply', () => {
    const engine = createEngine();
    const outcomes = [good, '{oops', stateChange({ agentId: 42 }), JSON.stringify(webhook.agentStateChange('g2', T + 1, 'a1', 'idle'))].map(
      (body) => engine.ingest({ body }).status,
    );
    expect(outcomes).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(engine.agents().map((view) => [view.id, view.state])).toEqual([['a1', 'idle']]);
  });

  it('rejects a payload no source recognises, and an unknown source name', () => {
    const engine = createEngine();
    expect(engine.ingest({ body: '{"hello":"world"}' })).toMatchObject({ status: 'rejected', reason: 'no source recognises this payload' });
    expect(engine.ingest({ source: 'genesys' as never, body: good })).toMatchObject({ status: 'rejected', reason: 'unknown source "genesys"' });
    // The reason is the delivery's one issue, at its root.
    expect(engine.ingest({ body: '{"hello":"world"}' }).issues).toEqual([{ path: [], message: 'no source recognises this payload', code: 'custom' }]);
  });

  it('answers an adapter bug with a rejection instead of a crash', () => {
    const engine = createEngine({
      sources: {
        webex: {
          id: 'webex',
          recognizes: () => true,
          toEvents: () => {
            throw new Error('boom');
          },
        },
      },
    });
    expect(engine.ingest({ body: good })).toMatchObject({ status: 'rejected', reason: 'webex: internal error while mapping (boom)' });
  });
});
