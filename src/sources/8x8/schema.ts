// Zod schemas of the 8x8 chat webhooks: the legacy Chat API (seed 004: flat payloads) and the
// Chat Gateway (the same envelope, details under `data`). Both APIs share `eventType`,
// `conversationId` and `timestamp` (epoch ms); QUEUED and TRANSFER exist in both.
// Unknown extra fields (message text, customer details) are allowed and dropped.
import { z } from 'zod';
import { epochMillis, identifier, optional, text } from '../fields.js';

export const LEGACY_CHAT_EVENT_TYPES = ['QUEUED', 'AGENT_JOINED', 'AGENT_LEFT', 'TRANSFER', 'TEXT', 'WEB_HOOK_VERIFY'] as const;
export const CHAT_GATEWAY_EVENT_TYPES = [
  'CONVERSATION_UPDATE',
  'QUEUED',
  'MEMBERS_CHANGED',
  'TRANSFER',
  'MESSAGE',
  'ACTIVITY',
  'WEB_HOOK_VERIFY',
] as const;

export const CHAT_EVENT_TYPES = [...new Set([...LEGACY_CHAT_EVENT_TYPES, ...CHAT_GATEWAY_EVENT_TYPES])] as [
  ChatEventType,
  ...ChatEventType[],
];
export type ChatEventType = (typeof LEGACY_CHAT_EVENT_TYPES)[number] | (typeof CHAT_GATEWAY_EVENT_TYPES)[number];

/** Every 8x8 chat event names itself in upper snake case; `recognizes` looks for that. */
export const CHAT_EVENT_TYPE_SHAPE = /^[A-Z][A-Z_]{0,63}$/;

export const chatEnvelopeSchema = z.object({
  eventType: z.enum(CHAT_EVENT_TYPES),
  notificationVersion: optional(text),
});

/** What every event about a conversation carries. */
const conversationEvent = z.object({
  conversationId: identifier,
  timestamp: epochMillis,
  messageType: optional(text),
});
export type ChatConversationEvent = z.infer<typeof conversationEvent>;

const queueFields = { queueId: optional(text), queueName: optional(text) };

/** Legacy puts the queue at top level, the Chat Gateway under `data`: one schema reads both. */
export const queuedSchema = conversationEvent.extend({ ...queueFields, data: optional(z.object(queueFields)) });

/** Legacy AGENT_JOINED and AGENT_LEFT. */
export const agentMemberSchema = conversationEvent.extend({ agentId: identifier, agentName: optional(text) });

/** Legacy TEXT: the message itself is not kept (it is content, not state). */
export const textSchema = conversationEvent.extend({ agentId: optional(identifier) });

const lowerCased = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(64)
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(values));

export const MEMBER_CHANGES = ['joined', 'left'] as const;

/** Chat Gateway MEMBERS_CHANGED: an agent (or another member) joined or left. */
export const membersChangedSchema = conversationEvent.extend({
  data: z.object({
    memberType: z
      .string()
      .max(64)
      .transform((value) => value.toLowerCase()),
    change: lowerCased(MEMBER_CHANGES),
    id: identifier,
  }),
});

/**
 * Chat Gateway CONVERSATION_UPDATE: conversation details; kept are the customer's address and
 * whom the conversation is assigned to (`assignment`, `{type: "agent", id}` for an agent).
 */
export const conversationUpdateSchema = conversationEvent.extend({
  data: z.object({
    state: optional(text),
    assignment: optional(z.object({ type: optional(text), id: optional(identifier) })),
    msisdn: optional(text),
    channel: optional(text),
  }),
});

/** TRANSFER, MESSAGE, ACTIVITY: the conversation and the time are all that state needs. */
export const conversationEventSchema = conversationEvent;
