// 8x8 chat webhooks (legacy Chat API of seed 004, and the Chat Gateway) → canonical events.
import type { z } from 'zod';
import type { AgentAssertion, CanonicalEvent, TaskAssertion, TaskAttributes } from '../../events/canonical.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../adapter.js';
import { canonicalEvent } from '../canonicalEvent.js';
import { derivedEventId } from '../derivedEventId.js';
import { compiled, identifier } from '../fields.js';
import { rejected, rejectedByZod } from '../issues.js';
import { CHAT_STEP, type ChatStep, EVENT_STEP, MEMBER_CHANGE_STEP, STATELESS_EVENTS, type StatelessEventType } from './mapping.js';
import {
  agentMemberSchema,
  CHAT_EVENT_TYPE_SHAPE,
  chatEnvelopeSchema,
  type ChatConversationEvent,
  type ChatEventType,
  conversationEventSchema,
  conversationUpdateSchema,
  membersChangedSchema,
  queuedSchema,
  textSchema,
} from './schema.js';
import { EVENT_STREAMING_UNSUPPORTED, eventStreamingField } from './streaming.js';
import { assertNever } from '../../assertNever.js';

const SOURCE = '8x8';

/** The schemas compiled (fields.ts): zod's runtime parser runs only to describe a failure. */
const SCHEMAS = compiled({
  envelope: chatEnvelopeSchema,
  conversationEvent: conversationEventSchema,
  queued: queuedSchema,
  agentMember: agentMemberSchema,
  membersChanged: membersChangedSchema,
  conversationUpdate: conversationUpdateSchema,
  text: textSchema,
});

const EVENT_ID_HEADER = 'x-8x8-event-id';

/** One webhook read the same way whatever the API: which step, for which chat, and who. */
interface ChatFact {
  step: ChatStep;
  event: ChatConversationEvent;
  agentId?: string;
  attributes?: TaskAttributes;
}

type Reading = { kind: 'fact'; fact: ChatFact } | Exclude<AdapterResult, { kind: 'events' }>;

export const eightByEightAdapter: SourceAdapter = {
  id: SOURCE,
  recognizes({ body }) {
    if (eventStreamingField(body) !== null) return true;
    if (typeof body !== 'object' || body === null) return false;
    const { eventType } = body as Record<string, unknown>;
    return typeof eventType === 'string' && CHAT_EVENT_TYPE_SHAPE.test(eventType);
  },
  toEvents(delivery: ParsedDelivery): AdapterResult {
    const stream = eventStreamingField(delivery.body);
    if (stream !== null) return rejected(SOURCE, [{ path: [stream], message: EVENT_STREAMING_UNSUPPORTED, code: 'custom' }]);
    const envelope = SCHEMAS.envelope.safeParse(delivery.body);
    if (!envelope.success) return rejectedByZod(SOURCE, envelope.error);
    const eventId = eventIdOf(delivery);
    if (typeof eventId !== 'string') return eventId;
    const reading = read(envelope.data.eventType, delivery.body, eventId);
    return reading.kind === 'fact' ? { kind: 'events', events: toCanonical(reading.fact, eventId) } : reading;
  },
};

/** The header's id when the delivery has one (redeliveries keep it), else a hash of the body. */
function eventIdOf({ body, headers }: ParsedDelivery): string | AdapterResult {
  const header = headers[EVENT_ID_HEADER];
  if (header === undefined) return derivedEventId(SOURCE, body);
  const parsed = identifier.safeParse(header);
  return parsed.success ? parsed.data : rejectedByZod(SOURCE, parsed.error, ['headers', EVENT_ID_HEADER]);
}

function read(type: ChatEventType, body: unknown, eventId: string): Reading {
  switch (type) {
    case 'WEB_HOOK_VERIFY':
      return ignored(type, eventId);
    case 'ACTIVITY':
      return parse(SCHEMAS.conversationEvent, body, () => ignored(type, eventId));
    case 'QUEUED':
      return parse(SCHEMAS.queued, body, (event) =>
        fact({ step: 'queued', event, attributes: { queueId: event.data?.queueId ?? event.queueId } }),
      );
    case 'AGENT_JOINED':
    case 'AGENT_LEFT':
      return parse(SCHEMAS.agentMember, body, (event) => fact({ step: EVENT_STEP[type], event, agentId: event.agentId }));
    case 'MEMBERS_CHANGED':
      return parse(SCHEMAS.membersChanged, body, (event) => {
        // Only agents have state here; a customer or bot joining says nothing about it.
        if (event.data.memberType !== 'agent') {
          return { kind: 'ignored', reason: `${SOURCE}: MEMBERS_CHANGED of a "${event.data.memberType}" member carries no state`, eventId };
        }
        return fact({ step: MEMBER_CHANGE_STEP[event.data.change], event, agentId: event.data.id });
      });
    case 'CONVERSATION_UPDATE':
      return parse(SCHEMAS.conversationUpdate, body, (event) =>
        fact({ step: EVENT_STEP[type], event, agentId: assignedAgent(event.data.assignment), attributes: { origin: event.data.msisdn } }),
      );
    case 'TEXT':
      return parse(SCHEMAS.text, body, (event) => fact({ step: EVENT_STEP[type], event }));
    case 'TRANSFER':
    case 'MESSAGE':
      return parse(SCHEMAS.conversationEvent, body, (event) => fact({ step: EVENT_STEP[type], event }));
    // Stryker disable next-line ConditionalExpression: unreachable (test/README.md)
    default:
      return assertNever(type);
  }
}

function toCanonical(fact: ChatFact, id: string): CanonicalEvent[] {
  const row = CHAT_STEP[fact.step];
  const { conversationId: taskId, timestamp: time } = fact.event;
  // Only a join, a leave or an assignment names an agent (`read`), and those steps have a
  // membership (CHAT_STEP); a member left undefined is dropped from the event (canonicalEvent).
  // So the membership check below only narrows the types.
  const agentId = fact.agentId;
  const membership =
    // Stryker disable next-line ConditionalExpression,LogicalOperator: for the compiler (test/README.md)
    agentId === undefined || row.membership === undefined
      ? {}
      : row.membership === 'joined'
        ? { agentJoined: agentId }
        : { agentLeft: agentId };
  const task: TaskAssertion = {
    type: row.task,
    ...membership,
    attributes: { channelType: 'chat', ...fact.attributes },
    unlessTransferPending: row.unlessTransferPending,
  };
  const events = [canonicalEvent({ source: SOURCE, id, time, entity: { kind: 'task', id: taskId } }, task)];
  if (agentId !== undefined && row.agent !== undefined) {
    const work: AgentAssertion =
      row.agent === 'engaged' ? { type: 'agent.work', taskId, work: 'engaged' } : { type: 'agent.workEnded', taskId };
    events.push(canonicalEvent({ source: SOURCE, id, time, entity: { kind: 'agent', id: agentId } }, work));
  }
  return events;
}

/** The agent a conversation is assigned to: an assignment of type "agent" (any case) with an id. */
const assignedAgent = (assignment: { type?: string; id?: string } | undefined): string | undefined =>
  assignment?.type?.toLowerCase() === 'agent' ? assignment.id : undefined;

function parse<S extends z.ZodType>(schema: S, body: unknown, then: (event: z.infer<S>) => Reading): Reading {
  const parsed = schema.safeParse(body);
  return parsed.success ? then(parsed.data) : rejectedByZod(SOURCE, parsed.error);
}

const fact = (value: ChatFact): Reading => ({ kind: 'fact', fact: value });

function ignored(type: StatelessEventType, eventId: string): Reading {
  return { kind: 'ignored', reason: `${SOURCE}: ${STATELESS_EVENTS[type]}`, eventId };
}
