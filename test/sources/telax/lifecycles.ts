// fast-check arbitraries of Telax feeds: agents signing in, changing status (available, breaks
// with an activity), receiving work items they accept or decline, releasing them, signing out;
// some events with their fields nested under AdditionalFields, some IVR/voice events to ignore.
// Times are whole seconds and steps 0–2 s, so same-second ties are common; deliveries can be lost.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { TimedDelivery } from '../../../examples/disorder.js';
import { T0 } from './build.js';
import { deliveredInTimeOrder } from '../../support/arrivals.js';

interface WorkPlan {
  /** Seconds after the previous step of this agent. */
  after: number;
  declined: boolean;
  /** Seconds from offer to accept (0: the same second). */
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
  lost: number[];
  /** Events of other categories (IVR, voice) at these seconds. */
  noise: number[];
}

const workPlan = fc.record({
  after: fc.integer({ min: 0, max: 2 }),
  declined: fc.boolean(),
  acceptAfter: fc.integer({ min: 0, max: 2 }),
  // At least a second: release ranks before work, so a call released in the second it was
  // accepted would fold as still engaged (see src/ledger/lifecycleRank.ts).
  talk: fc.integer({ min: 1, max: 3 }),
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
    lost: fc.array(fc.nat(60), { maxLength: 3 }),
    noise: fc.array(fc.nat(20), { maxLength: 3 }),
  });

/** Renders a plan into Telax deliveries in event-time order (stable for equal times). */
export function renderTelaxFeed(plan: TelaxFeedPlan): TimedDelivery[] {
  const feed: TimedDelivery[] = [];
  let counter = 0;
  const emit = (second: number, body: Record<string, unknown>) => {
    const time = T0 + second * 1000;
    const Id = guid(`${plan.salt}:${counter++}`);
    const CreationDateUtc = new Date(time).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    feed.push({ time, line: JSON.stringify({ Id, CreationDateUtc, ...body }) });
  };

  plan.agents.forEach((agent, index) => {
    const Username = `agent-${index}`;
    const common = { SessionId: `S-${index}`, SessionType: 'CCA', Username, PhoneNo: `555010${index}` };
    const agentEvent = (second: number, Code: number, extra: Record<string, unknown> = {}) => {
      const fields = { ...common, ...extra };
      emit(second, agent.nested ? { Category: 1, Code, AdditionalFields: fields } : { Category: 1, Code, ...fields });
    };
    const status = (second: number, available: boolean, activity?: [number, string]) =>
      agentEvent(second, 3, { ActivityCode: activity?.[0] ?? 1, AvailabilityCode: available ? 1 : 0, ActivityName: activity?.[1] ?? '' });

    let second = agent.signInAt;
    agentEvent(second, 1);
    status(second, agent.available);
    agent.work.forEach((work, item) => {
      if (agent.breakAfter === item) {
        status((second += 1), false, [9, 'BusyOther']);
        status((second += 1), true);
      }
      agentEvent((second += work.after), 4);
      if (work.declined) {
        // Declined at least a second after the offer: within the offer's own second the tie
        // folds as work (the rank trades that rare case for release-and-next-offer).
        agentEvent((second += Math.max(1, work.acceptAfter)), 6);
        return;
      }
      agentEvent((second += work.acceptAfter), 5);
      agentEvent((second += work.talk), 8);
    });
    if (agent.signOut) agentEvent((second += 1), 2, { ExitCode: 0 });
  });
  plan.noise.forEach((second, index) => emit(second, { Category: index % 2 ? 2 : 4, Code: 1 }));

  return deliveredInTimeOrder(feed, plan.lost);
}

/** A GUID-shaped id from a hash: unique per event, in no particular order. */
function guid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
