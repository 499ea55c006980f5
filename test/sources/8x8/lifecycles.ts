// fast-check arbitraries of 8x8 chat feeds, legacy Chat API or Chat Gateway: chats queued, taken,
// transferred to other agents (TRANSFER, the agent leaves, another joins), messages, chats that
// were left and re-open. Legacy deliveries may carry their `x-8x8-event-id` header (a
// `{"source","headers","body"}` line); others get a derived id. Time steps are 0–3 ms so that
// same-millisecond ties are common; deliveries can be lost.
import fc from 'fast-check';
import type { TimedDelivery } from '../../../examples/disorder.js';
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
  lost: number[];
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

export const chatFeedPlan = (options: { maxChats?: number } = {}): fc.Arbitrary<ChatFeedPlan> =>
  fc.integer({ min: 1, max: 3 }).chain((agentCount) =>
    fc.record({
      chats: fc.array(chatPlan(agentCount), { minLength: 1, maxLength: options.maxChats ?? 4 }),
      steps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
      lost: fc.array(fc.nat(150), { maxLength: 4 }),
    }),
  );

/** Renders a plan into 8x8 deliveries in event-time order (stable for equal times). */
export function renderChatFeed(plan: ChatFeedPlan): TimedDelivery[] {
  const feed: TimedDelivery[] = [];
  let counter = 0;
  const agentId = (index: number) => `agent-${index}`;

  plan.chats.forEach((chat, index) => {
    const conversationId = `chat-${index}`;
    let at = chat.start;
    let step = 0;
    /** One event, as the chat's API spells it: the legacy type and fields, or the Chat Gateway's. */
    const emit = (legacy: [string, Record<string, unknown>?], gateway: [string, Record<string, unknown>?]) => {
      const [eventType, fields] = chat.api === 'legacy' ? legacy : gateway;
      const envelope = { eventType, conversationId, timestamp: T0 + at };
      const body = chat.api === 'legacy' ? { ...envelope, messageType: 'SYSTEM', ...fields } : { ...envelope, ...(fields ? { data: fields } : {}) };
      const headers = { 'x-8x8-event-id': `evt-${counter++}` };
      const line = chat.api === 'legacy' && chat.withHeaders ? { source: '8x8', headers, body } : body;
      feed.push({ time: T0 + at, line: JSON.stringify(line) });
    };
    /** The next step of the chat: time moves on, then one event. */
    const then = (...event: Parameters<typeof emit>) => {
      at += plan.steps[step++ % plan.steps.length]!;
      emit(...event);
    };
    const queued = () => then(['QUEUED', { queueId: 'q-1' }], ['QUEUED', { queueId: 'q-1' }]);
    const transfer = () => then(['TRANSFER'], ['TRANSFER']);
    const member = (agent: number, change: 'joined' | 'left') =>
      then(
        [change === 'joined' ? 'AGENT_JOINED' : 'AGENT_LEFT', { agentId: agentId(agent) }],
        ['MEMBERS_CHANGED', { memberType: 'agent', change, id: agentId(agent) }],
      );
    const message = (agent: number) =>
      then(['TEXT', { agentId: agentId(agent), message: `message ${counter}` }], ['MESSAGE', { text: `message ${counter}` }]);

    if (chat.api === 'gateway') emit(['CONVERSATION_UPDATE'], ['CONVERSATION_UPDATE', { state: 'active', msisdn: `+1555000${index}` }]);
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

  const lost = new Set(plan.lost);
  return feed
    .map((delivery, order) => ({ delivery, order }))
    .sort((a, b) => a.delivery.time - b.delivery.time || a.order - b.order)
    .filter((_entry, index) => !lost.has(index))
    .map(({ delivery }) => delivery);
}
