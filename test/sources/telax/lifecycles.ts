// fast-check arbitraries of Telax feeds: agents signing in, changing status (available, breaks
// with an activity), receiving work items they accept or decline, releasing them, signing out;
// some events with their fields nested under AdditionalFields, some IVR/voice events to ignore.
// Times are whole seconds, steps mostly 0 so that same-second ties are the rule; a step's unit
// runs from a second to an hour, so feeds span from seconds to days. Each delivery carries the
// facts it means (DESIGN §3's Telax row, read apart from the adapter).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { inTimeOrder } from '../../support/arrivals.js';
import type { Fact, PlannedDelivery } from '../../support/oracle/facts.js';
import { HOUR, MINUTE, timeUnit } from '../../support/timeSteps.js';
import { T0 } from './build.js';

interface WorkPlan {
  /** Units after the previous step of this agent. */
  after: number;
  declined: boolean;
  /** Units from offer to accept or decline (0: the same second). */
  acceptAfter: number;
  talk: number;
}

interface AgentPlan {
  signInAt: number;
  available: boolean;
  /** An activity (break) taken between work items, by index, with its code and name. */
  breakAfter: number | null;
  work: WorkPlan[];
  signOut: boolean;
  /** Whether this agent's events nest their fields under AdditionalFields. */
  nested: boolean;
}

export interface TelaxFeedPlan {
  agents: AgentPlan[];
  /** Seeds the event GUIDs, so that same-second ties break in any order. */
  salt: number;
  /** Events of other categories (IVR, voice) at these units. */
  noise: number[];
  /** Milliseconds per unit: whole seconds at the finest. */
  unit: number;
}

const step = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }));

// Offers declined, and items accepted and released, within their own second: ties the key cannot
// order, which fold as a valid work lifecycle (DESIGN §4.7).
const workPlan = fc.record({
  after: step,
  declined: fc.boolean(),
  acceptAfter: step,
  talk: step,
});

const agentPlan = fc.record({
  signInAt: fc.integer({ min: 0, max: 5 }),
  available: fc.boolean(),
  breakAfter: fc.option(fc.nat(3), { nil: null }),
  work: fc.array(workPlan, { maxLength: 4 }),
  signOut: fc.boolean(),
  nested: fc.boolean(),
});

export const telaxFeedPlan = (options: { maxAgents?: number } = {}): fc.Arbitrary<TelaxFeedPlan> =>
  fc.record({
    agents: fc.array(agentPlan, { minLength: 1, maxLength: options.maxAgents ?? 3 }),
    salt: fc.nat(),
    noise: fc.array(fc.nat(20), { maxLength: 3 }),
    unit: timeUnit([1_000, 1_000, MINUTE, HOUR]),
  });

/** Renders a plan into Telax deliveries in event-time order (stable for equal times). */
export function renderTelaxFeed(plan: TelaxFeedPlan): PlannedDelivery[] {
  const feed: PlannedDelivery[] = [];
  let counter = 0;
  const emit = (at: number, body: Record<string, unknown>, facts: Fact[]) => feed.push(telaxDelivery(T0 + at * plan.unit, guid(`${plan.salt}:${counter++}`), body, facts));

  plan.agents.forEach((agent, index) => {
    const Username = `agent-${index}`;
    const session = `S-${index}`;
    const common = { SessionId: session, SessionType: 'CCA', Username, PhoneNo: `555010${index}` };
    const agentEvent = (at: number, Code: number, fact: Fact, extra: Record<string, unknown> = {}) => {
      const fields = { ...common, ...extra };
      emit(at, agent.nested ? { Category: 1, Code, AdditionalFields: fields } : { Category: 1, Code, ...fields }, [fact]);
    };
    const status = (at: number, available: boolean, activity?: [number, string]) =>
      agentEvent(
        at,
        3,
        { what: 'presence', agent: Username, presence: available ? 'available' : 'idle', endsWork: false },
        { ActivityCode: activity?.[0] ?? 1, AvailabilityCode: available ? 1 : 0, ActivityName: activity?.[1] ?? '' },
      );
    const work = (at: number, Code: 4 | 5 | 6 | 8) =>
      agentEvent(
        at,
        Code,
        Code === 4 || Code === 5
          ? { what: 'work', agent: Username, task: session, work: Code === 4 ? 'reserved' : 'engaged' }
          : { what: 'workDone', agent: Username, task: session },
      );

    let at = agent.signInAt;
    agentEvent(at, 1, { what: 'signedIn', agent: Username, presence: 'idle' });
    status(at, agent.available);
    agent.work.forEach((item, position) => {
      if (agent.breakAfter === position) {
        status((at += 1), false, [9, 'BusyOther']);
        status((at += 1), true);
      }
      work((at += item.after), 4);
      if (item.declined) {
        work((at += item.acceptAfter), 6);
        return;
      }
      work((at += item.acceptAfter), 5);
      work((at += item.talk), 8);
    });
    if (agent.signOut) agentEvent((at += 1), 2, { what: 'signedOut', agent: Username }, { ExitCode: 0 });
  });
  plan.noise.forEach((at, index) => emit(at, { Category: index % 2 ? 2 : 4, Code: 1 }, []));

  return inTimeOrder(feed);
}

/** A Telax delivery at `time` (whole seconds), with its GUID as the event id. */
export function telaxDelivery(time: number, Id: string, body: Record<string, unknown>, facts: Fact[]): PlannedDelivery {
  const CreationDateUtc = new Date(time).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return { time, line: JSON.stringify({ Id, CreationDateUtc, ...body }), eventId: Id, facts };
}

/** A GUID-shaped id from a hash: unique per event, in no particular order. */
export function guid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
