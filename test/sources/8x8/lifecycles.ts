// fast-check arbitraries of 8x8 chat feeds, legacy Chat API or Chat Gateway: chats queued, taken,
// transferred to other agents (TRANSFER, the agent leaves, another joins), messages, chats that
// were left and re-open. Legacy deliveries may carry their `x-8x8-event-id` header (a
// `{"source","headers","body"}` line); others get a derived id. Time steps are mostly 0 so that
// same-instant ties are common, in units from a millisecond to an hour. Each delivery carries
// the facts it means (DESIGN §3's 8x8 row, read apart from the adapter).
import fc from 'fast-check';
import { derivedEventId } from '../../../src/sources/derivedEventId.js';
import { inTimeOrder } from '../../support/arrivals.js';
import type { Fact, PlannedDelivery } from '../../support/oracle/facts.js';
import { tieSteps, timeUnit } from '../../support/timeSteps.js';
import { T0 } from './build.js';

interface ChatPlan {
  start: number;
  api: 'legacy' | 'gateway';
  withHeaders: boolean;
  /** The agent who takes the chat, then each agent it is transferred to. */
  agents: number[];
  /** Whether the chat is queued again after a TRANSFER (as well as by it). */
  requeued: boolean;
  messages: boolean;
  /** Whether the last agent leaves (ending the chat), and whether it then re-opens. */
  left: boolean;
  reopened: boolean;
}

export interface ChatFeedPlan {
  chats: ChatPlan[];
  steps: number[];
  /** Milliseconds per unit of time. */
  unit: number;
}

const chatPlan = (agentCount: number) =>
  fc.record({
    start: fc.integer({ min: 0, max: 100 }),
    api: fc.constantFrom<'legacy' | 'gateway'>('legacy', 'gateway'),
    withHeaders: fc.boolean(),
    agents: fc.array(fc.nat(agentCount - 1), { minLength: 1, maxLength: 3 }),
    requeued: fc.boolean(),
    messages: fc.boolean(),
    left: fc.boolean(),
    reopened: fc.boolean(),
  });

export const chatFeedPlan = (options: { maxChats?: number; units?: readonly number[] } = {}): fc.Arbitrary<ChatFeedPlan> =>
  fc.integer({ min: 1, max: 3 }).chain((agentCount) =>
    fc.record({
      chats: fc.array(chatPlan(agentCount), { minLength: 1, maxLength: options.maxChats ?? 4 }),
      steps: tieSteps,
      unit: timeUnit(options.units),
    }),
  );

/** Renders a plan into 8x8 deliveries in event-time order (stable for equal times). */
export function renderChatFeed(plan: ChatFeedPlan): PlannedDelivery[] {
  const feed: PlannedDelivery[] = [];
  let counter = 0;
  const agentId = (index: number) => `agent-${index}`;

  plan.chats.forEach((chat, index) => {
    const conversationId = `chat-${index}`;
    let at = chat.start;
    let step = 0;
    /** One event, as the chat's API spells it: the legacy type and fields, or the Chat Gateway's. */
    const emit = (legacy: [string, Record<string, unknown>?], gateway: [string, Record<string, unknown>?], ...facts: Fact[]) => {
      const [eventType, fields] = chat.api === 'legacy' ? legacy : gateway;
      const time = T0 + at * plan.unit;
      const envelope = { eventType, conversationId, timestamp: time };
      const body = chat.api === 'legacy' ? { ...envelope, messageType: 'SYSTEM', ...fields } : { ...envelope, ...(fields ? { data: fields } : {}) };
      const header = `evt-${counter++}`;
      const withHeader = chat.api === 'legacy' && chat.withHeaders;
      const line = withHeader ? { source: '8x8', headers: { 'x-8x8-event-id': header }, body } : body;
      // Without the header, the id is derived from the content (DESIGN §2).
      feed.push({ time, line: JSON.stringify(line), eventId: withHeader ? header : derivedEventId('8x8', body), facts });
    };
    /** The next step of the chat: time moves on, then one event. */
    const then = (...event: Parameters<typeof emit>) => {
      at += plan.steps[step++ % plan.steps.length]!;
      emit(...event);
    };
    const chatIs = (state: 'queued' | null): Fact => ({ what: 'task', task: conversationId, state });
    const queued = () => then(['QUEUED', { queueId: 'q-1' }], ['QUEUED', { queueId: 'q-1' }], chatIs('queued'));
    const transfer = () => then(['TRANSFER'], ['TRANSFER'], chatIs('queued'));
    // An agent who joins takes the chat (re-opening it if it was left); one who leaves ends it,
    // unless it waits in the queue for a transfer.
    const member = (agent: number, change: 'joined' | 'left') =>
      then(
        [change === 'joined' ? 'AGENT_JOINED' : 'AGENT_LEFT', { agentId: agentId(agent) }],
        ['MEMBERS_CHANGED', { memberType: 'agent', change, id: agentId(agent) }],
        change === 'joined'
          ? { what: 'task', task: conversationId, state: 'connected', agent: agentId(agent) }
          : { what: 'task', task: conversationId, state: 'ended', agent: agentId(agent), leaves: true, unlessTransferPending: true },
        change === 'joined'
          ? { what: 'work', agent: agentId(agent), task: conversationId, work: 'engaged' }
          : { what: 'workDone', agent: agentId(agent), task: conversationId },
      );
    const message = (agent: number) =>
      then(['TEXT', { agentId: agentId(agent), message: `message ${counter}` }], ['MESSAGE', { text: `message ${counter}` }], chatIs(null));

    if (chat.api === 'gateway') emit(['CONVERSATION_UPDATE'], ['CONVERSATION_UPDATE', { state: 'active', msisdn: `+1555000${index}` }], chatIs(null));
    queued();
    chat.agents.forEach((agent, turn) => {
      const previous = chat.agents[turn - 1];
      if (previous !== undefined) {
        transfer();
        if (chat.requeued) queued();
        member(previous, 'left');
      }
      member(agent, 'joined');
      if (chat.messages) message(agent);
    });
    if (chat.left) {
      member(chat.agents.at(-1)!, 'left');
      if (chat.reopened) {
        queued();
        member(chat.agents[0]!, 'joined');
      }
    }
  });

  return inTimeOrder(feed);
}
