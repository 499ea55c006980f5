// The shared `given` of source and KPI specs: an engine after deliveries, none of them rejected.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { givenEngine } from './givenWhen.js';

const delivery = (body: webhook.WebexBody) => ({ source: 'webex' as const, body: JSON.stringify(body) });

describe('givenEngine', () => {
  it('given deliveries, then the engine has ingested them with the options given', () => {
    const engine = givenEngine([delivery(webhook.agentLogin('l1', 1_000, 'a1', 'team-1', true))], { horizonMs: 60_000 });
    expect(engine.agent('a1')?.state).toBe('available');
  });

  it('given a delivery the engine rejects, then the spec fails at once with its reason', () => {
    expect(() => givenEngine([delivery(webhook.agentLogin('l1', 1_000, 'a1', 'team-1', true)), { source: 'webex', body: '{' }])).toThrow(
      /given: a rejected delivery: .+/,
    );
  });
});
