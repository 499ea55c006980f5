// Same-second ties between Telax work-item codes. The ledger breaks ties by lifecycle rank of the
// canonical type, then by event id — and Telax ids are GUIDs in no order. Both cases below need
// a change in src/ledger/lifecycleRank.ts (see the Telax adapter's report): rank `agent.work` by
// its work (reserved < engaged < wrapup), and `agent.workEnded` before `agent.work`, since
// taking the next item the second the last one is released is common, declining an offer within
// the second it arrived is not.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { agentEvent, USER } from './build.js';

const given = (events: Record<string, unknown>[]) => {
  const engine = createEngine();
  for (const event of events) engine.ingest({ source: 'telax', body: JSON.stringify(event) });
  return engine;
};

describe('telax same-second ties', () => {
  it('given an offer and its acceptance in the same second, with the ids in lifecycle order, the agent is engaged', () => {
    const engine = given([agentEvent(1, { Id: 'a-1' }), agentEvent(4, { Id: 'b-4' }), agentEvent(5, { Id: 'c-5' })]);
    expect(engine.agent(USER)?.state).toBe('engaged');
  });

  it('given an offer and its acceptance in the same second, whatever their ids, the agent is engaged', () => {
    const engine = given([agentEvent(1, { Id: 'a-1' }), agentEvent(4, { Id: 'c-4' }), agentEvent(5, { Id: 'b-5' })]);
    expect(engine.agent(USER)?.state).toBe('engaged');
  });

  it('given a release and the next offer in the same second, the agent is reserved', () => {
    const engine = given([
      agentEvent(1, { Id: 'a-1', CreationDateUtc: '20250304090000' }),
      agentEvent(4, { Id: 'b-4', CreationDateUtc: '20250304090001' }),
      agentEvent(5, { Id: 'c-5', CreationDateUtc: '20250304090002' }),
      agentEvent(8, { Id: 'd-8', CreationDateUtc: '20250304090009' }),
      agentEvent(4, { Id: 'e-4', CreationDateUtc: '20250304090009' }),
    ]);
    expect(engine.agent(USER)?.state).toBe('reserved');
  });
});
