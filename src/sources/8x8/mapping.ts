// What each 8x8 chat webhook asserts: DESIGN §3, "8x8 (`8x8`)", row by row. Both APIs are first
// read into one of a few chat steps, and each step asserts the same thing whatever the API.
import type { TaskAssertion } from '../../events/canonical.js';
import type { ChatEventType } from './schema.js';

export type ChatStep = 'queued' | 'transferred' | 'agentJoined' | 'agentLeft' | 'message' | 'updated';

export interface ChatStepRow {
  task: TaskAssertion['type'];
  /** What the step says about the agent it names: engaged on the chat, or done with it. */
  agent?: 'engaged' | 'workEnded';
  membership?: 'joined' | 'left';
  /** The end is conditional: a chat queued for a transfer stays queued (another agent will join). */
  unlessTransferPending?: true;
}

export const CHAT_STEP: Record<ChatStep, ChatStepRow> = {
  queued: { task: 'task.queued' },
  // The agent transferred the chat to a queue: it waits there; their AGENT_LEFT follows.
  transferred: { task: 'task.queued' },
  // Also re-opens a chat that was left (ended → connected).
  agentJoined: { task: 'task.connected', agent: 'engaged', membership: 'joined' },
  agentLeft: { task: 'task.ended', agent: 'workEnded', membership: 'left', unlessTransferPending: true },
  // A message is activity on the chat, not a change of state: the task records when it happened
  // (`lastEventAt`), and a message for an unknown chat makes the chat known.
  message: { task: 'task.updated' },
  // Conversation details: attributes (the customer's address as origin), and the agent the
  // conversation is assigned to takes part in it; their work comes from their join.
  updated: { task: 'task.updated', membership: 'joined' },
};

/** Documented events that carry no state, answered `ignored` with the reason. */
export type StatelessEventType = 'WEB_HOOK_VERIFY' | 'ACTIVITY';

/** Event types that always read as one step; MEMBERS_CHANGED depends on who joined or left. */
export type SteppedEventType = Exclude<ChatEventType, StatelessEventType | 'MEMBERS_CHANGED'>;

export const EVENT_STEP: Record<SteppedEventType, ChatStep> = {
  QUEUED: 'queued',
  TRANSFER: 'transferred',
  AGENT_JOINED: 'agentJoined',
  AGENT_LEFT: 'agentLeft',
  TEXT: 'message',
  MESSAGE: 'message',
  CONVERSATION_UPDATE: 'updated',
};

export const MEMBER_CHANGE_STEP = { joined: 'agentJoined', left: 'agentLeft' } as const satisfies Record<string, ChatStep>;

export const STATELESS_EVENTS: Record<StatelessEventType, string> = {
  // The receiver answers 2xx; nothing happened in any conversation.
  WEB_HOOK_VERIFY: 'WEB_HOOK_VERIFY only checks that the webhook answers',
  // Typing indicators, read receipts, card and quick-reply actions: frequent, and no state.
  ACTIVITY: 'ACTIVITY (typing, read receipts, card actions) carries no state',
};
