// Vonage Contact Center webhooks (seed 003) → canonical events.
import type { z } from 'zod';
import type { AgentAssertion, CanonicalEvent, Envelope, TaskAssertion } from '../../events/canonical.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../adapter.js';
import { canonicalEvent } from '../canonicalEvent.js';
import { compiled } from '../fields.js';
import { rejected, rejectedByZod } from '../issues.js';
import { AGENT_PARTY, type AgentPartyRow, CUSTOMER_PARTY, CUSTOMER_ROLES, PRESENCE } from './mapping.js';
import {
  channelDataSchema,
  presenceChangedDataSchema,
  VONAGE_CHANNEL_EVENTS,
  VONAGE_TYPE,
  VONAGE_VERSIONS,
  vonageEnvelopeSchema,
  type VonageChannelData,
  type VonageChannelEvent,
  type VonageEnvelope,
  type VonagePresenceData,
} from './schema.js';

const SOURCE = 'vonage';

/** The schemas compiled (fields.ts): zod's runtime parser runs only to describe a failure. */
const SCHEMAS = compiled({
  envelope: vonageEnvelopeSchema,
  presenceChanged: presenceChangedDataSchema,
  channel: channelDataSchema,
});

type Emit = (entity: Envelope['entity'], assertion: object) => CanonicalEvent;

export const vonageAdapter: SourceAdapter = {
  id: SOURCE,
  recognizes({ body }) {
    if (typeof body !== 'object' || body === null) return false;
    const { type, data } = body as Record<string, unknown>;
    return typeof type === 'string' && VONAGE_TYPE.test(type) && typeof data === 'object' && data !== null;
  },
  toEvents(delivery: ParsedDelivery): AdapterResult {
    const envelope = SCHEMAS.envelope.safeParse(delivery.body);
    if (!envelope.success) return rejectedByZod(SOURCE, envelope.error);
    // Stryker disable next-line StringLiteral,ArrayDeclaration: for the compiler (test/README.md)
    const [, entity = '', name = '', version = ''] = VONAGE_TYPE.exec(envelope.data.type) ?? [];
    if (!(VONAGE_VERSIONS as readonly string[]).includes(version)) {
      return unknownType(`unsupported version "${version}" of ${entity}.${name} (accepted: ${VONAGE_VERSIONS.join(', ')})`);
    }
    if (entity === 'agent' && name === 'presencechanged') {
      return withData(envelope.data, SCHEMAS.presenceChanged, mapPresence);
    }
    if (entity === 'channel' && isChannelEvent(name)) {
      return withData(envelope.data, SCHEMAS.channel, (data, emit) => mapChannel(name, data, emit));
    }
    return unknownType(`unknown Vonage event type "${envelope.data.type}"`);
  },
};

const isChannelEvent = (name: string): name is VonageChannelEvent => (VONAGE_CHANNEL_EVENTS as readonly string[]).includes(name);

const unknownType = (message: string) => rejected(SOURCE, [{ path: ['type'], message, code: 'invalid_value' }]);

function mapPresence(data: VonagePresenceData, emit: Emit): CanonicalEvent[] {
  const agent = { kind: 'agent' as const, id: data.user.agentId };
  const presence = PRESENCE[data.presence.category.type];
  if (presence === 'loggedOut') return [emit(agent, { type: 'agent.loggedOut' })];
  const idleCode =
    presence === 'idle'
      ? { id: data.presence.presenceId, name: data.presence.description ?? data.presence.category.description }
      : undefined;
  // Vonage presence never says anything about work: work comes from the agent's channels.
  return [emit(agent, { type: 'agent.presence', presence, endsWork: false, idleCode })];
}

function mapChannel(event: VonageChannelEvent, data: VonageChannelData, emit: Emit): CanonicalEvent[] {
  const { interactionId, party } = data.channel;
  const task = { kind: 'task' as const, id: interactionId };
  if (
    party.role === 'agent' &&
    // Stryker disable next-line ConditionalExpression: for the compiler (test/README.md)
    party.agentId !== undefined
  ) {
    return agentPartyEvents(AGENT_PARTY[event], party.agentId, interactionId, emit);
  }
  const type = CUSTOMER_ROLES.has(party.role) ? CUSTOMER_PARTY[event] : 'task.updated';
  const attributes = type === 'task.ended' ? { endReason: data.reason, endParty: party.role } : undefined;
  return [emit(task, { type, attributes })];
}

function agentPartyEvents(row: AgentPartyRow, agentId: string, taskId: string, emit: Emit): CanonicalEvent[] {
  const membership =
    row.membership === 'joined' ? { agentJoined: agentId } : row.membership === 'left' ? { agentLeft: agentId } : {};
  const taskAssertion: TaskAssertion = { type: row.task, ...membership };
  const events = [emit({ kind: 'task', id: taskId }, taskAssertion)];
  if (row.work !== undefined) {
    const work: AgentAssertion =
      row.work === 'ended' ? { type: 'agent.workEnded', taskId } : { type: 'agent.work', taskId, work: row.work };
    events.push(emit({ kind: 'agent', id: agentId }, work));
  }
  return events;
}

/** Validates `data`, finds the event time, and hands the mapper an `emit` that wraps assertions. */
function withData<S extends z.ZodType<{ timestamp?: number | undefined }>>(
  envelope: VonageEnvelope,
  schema: S,
  map: (data: z.infer<S>, emit: Emit) => CanonicalEvent[],
): AdapterResult {
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) return rejectedByZod(SOURCE, parsed.error, ['data']);
  // `data.timestamp` is when it happened; the envelope's `time` is the fallback the docs give the same value.
  const time = parsed.data.timestamp ?? envelope.time;
  if (time === undefined) {
    return rejected(SOURCE, [
      { path: ['data', 'timestamp'], message: 'no event time: neither data.timestamp nor time', code: 'invalid_type' },
    ]);
  }
  const id = `${envelope.source}#${envelope.id}`;
  const emit: Emit = (entity, assertion) => canonicalEvent({ source: SOURCE, id, time, entity }, assertion);
  return { kind: 'events', events: map(parsed.data, emit) };
}
