// Webex SDK scenarios through the engine: what the views say after a short story of events.
import { describe, expect, it } from 'vitest';
import { givenEngine } from '../../support/givenWhen.js';
import { AGENT, agentPayload, line, loginPayload, T0, TASK, taskPayload } from './build.js';

const EXPERT = 'b3e9d2f1-expert';

type Step = [event: string, payload: Record<string, unknown>];

const given = (steps: Step[]) => givenEngine(steps.map(([event, payload]) => ({ source: 'webex-sdk', body: line(event, payload).body })));

const at = (ms: number, fields: Record<string, unknown> = {}) => taskPayload({ eventTime: T0 + ms, ...fields });
const byExpert = (ms: number) => at(ms, { agentId: EXPERT, interaction: { interactionId: TASK, owner: AGENT } });
const byOwner = (ms: number, fields: Record<string, unknown> = {}) =>
  at(ms, { interaction: { interactionId: TASK, owner: AGENT }, ...fields });

const answered: Step[] = [
  ['agent:stationLoginSuccess', loginPayload()],
  ['task:incoming', at(10)],
  ['task:assigned', at(20)],
];

describe('webex-sdk scenarios', () => {
  it('given an answered call, the agent is engaged on it and the task connected', () => {
    const engine = given(answered);
    expect(engine.agent(AGENT)).toMatchObject({ state: 'engaged', tasks: [TASK] });
    expect(engine.task(TASK)).toMatchObject({ state: 'connected', agents: [AGENT] });
  });

  it('given a page reload mid-call, the re-login keeps the work and hydrate restores the task', () => {
    const engine = given([
      ...answered,
      ['task:hold', at(30)],
      ['agent:reloginSuccess', loginPayload({ eventTime: T0 + 40, interactionIds: [TASK] })],
      ['task:hydrate', at(41, { state: 'hold' })],
    ]);
    expect(engine.agent(AGENT)).toMatchObject({ state: 'engaged', tasks: [TASK] });
    expect(engine.task(TASK)).toMatchObject({ state: 'held', gaps: 0 });
  });

  it('given a call that ends without wrap-up, the agent is back to their presence', () => {
    const engine = given([...answered, ['task:end', at(30, { wrapupRequired: false })]]);
    expect(engine.agent(AGENT)).toMatchObject({ state: 'available', tasks: [] });
    expect(engine.task(TASK)?.state).toBe('ended');
  });

  it('given RONA, the task is queued again without the agent, who goes idle with the RONA code', () => {
    const engine = given([
      ['agent:stationLoginSuccess', loginPayload()],
      ['task:offerContact', at(10)],
      ['task:rejected', at(25, { reason: 'RONA_TIMER_EXPIRED' })],
      ['agent:stateChangeSuccess', agentPayload({ eventTime: T0 + 25, subStatus: 'Idle', auxCodeId: 'aux-rona' })],
    ]);
    expect(engine.task(TASK)).toMatchObject({ state: 'queued', agents: [] });
    expect(engine.agent(AGENT)).toMatchObject({ state: 'idle', tasks: [], idleCode: { id: 'aux-rona' } });
  });

  it("given a consult that ended, the owner's wrap-up and end close the task: the expert left", () => {
    const engine = given([
      ['agent:stationLoginSuccess', loginPayload({ agentId: EXPERT })],
      ...answered,
      ['task:consultCreated', byOwner(30)],
      ['task:offerConsult', byExpert(31)],
      ['task:consultAccepted', byExpert(35)],
      ['task:consultEnd', byExpert(50)],
      ['task:consultEnd', byOwner(51)],
      ['task:unhold', byOwner(55)],
      ['task:end', byOwner(60, { wrapupRequired: true })],
      ['task:wrapup', byOwner(61)],
      ['task:wrappedup', byOwner(70)],
    ]);
    expect(engine.task(TASK)).toMatchObject({ state: 'closed', agents: [AGENT] });
    expect(engine.agent(EXPERT)).toMatchObject({ state: 'available', tasks: [] });
    expect(engine.agent(AGENT)).toMatchObject({ state: 'available', tasks: [] });
  });

  // DESIGN maps task:offerConsult to `offered`, so a consult walks the task consulting → offered
  // → consulting, neither of which the task lifecycle allows: every consult is reported as two
  // gaps. Needs DESIGN to say `consulting` for task:offerConsult (the interaction is in consult
  // while the offer rings), or the lifecycle to allow the detour (see the adapter's report).
  it('given a consult, the task records no gap', () => {
    const engine = given([
      ...answered,
      ['task:consultCreated', byOwner(30)],
      ['task:offerConsult', byExpert(31)],
      ['task:consultAccepted', byExpert(35)],
    ]);
    expect(engine.task(TASK)?.gaps).toBe(0);
  });
});
