// Webex Contact Center webhooks (seed 001) → canonical events.
import type { z } from 'zod';
import type { CanonicalEvent, Envelope, TaskAttributes } from '../../events/canonical.js';
import { channelEntityId } from '../../events/canonical.js';
import { CHANNEL_TYPES } from '../../events/states.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../adapter.js';
import { canonicalEvent } from '../canonicalEvent.js';
import { rejected, rejectedByZod } from '../issues.js';
import { AGENT_STATE_CHANGE, CHANNEL_STATE, STATELESS_TYPES, TASK_EVENT } from './mapping.js';
import {
  agentChannelStateSchema,
  agentLoginSchema,
  agentLogoutSchema,
  agentStateChangeSchema,
  captureAvailableSchema,
  taskSchema,
  webexEnvelopeSchema,
  type WebexEnvelope,
  type WebexTaskData,
  type WithoutNulls,
  withoutNulls,
} from './schema.js';

const SOURCE = 'webex';
const WEBEX_TYPE = /^(agent|task|capture|task-message):/;

type Emit = (entity: Envelope['entity'], assertion: object) => CanonicalEvent;

export const webexAdapter: SourceAdapter = {
  id: SOURCE,
  recognizes({ body }) {
    if (typeof body !== 'object' || body === null) return false;
    const { type, data } = body as Record<string, unknown>;
    return typeof type === 'string' && WEBEX_TYPE.test(type) && typeof data === 'object';
  },
  toEvents(delivery: ParsedDelivery): AdapterResult {
    const parsed = webexEnvelopeSchema.safeParse(delivery.body);
    if (!parsed.success) return rejectedByZod(SOURCE, parsed.error);
    const envelope = withoutNulls(parsed.data);
    const { type } = envelope;
    if (STATELESS_TYPES.has(type)) return { kind: 'ignored', reason: `${SOURCE}: ${type} carries no state`, eventId: envelope.id };
    if (Object.hasOwn(TASK_EVENT, type)) return mapTask(envelope);
    switch (type) {
      case 'agent:login':
        return withData(envelope, agentLoginSchema, (data, emit) => [
          emit(
            { kind: 'agent', id: data.agentId },
            {
              type: 'agent.loggedIn',
              presence: data.currentState?.toLowerCase() === 'available' ? 'available' : 'idle',
              idleCode: data.idleCodeId ? { id: data.idleCodeId } : undefined,
              attributes: { teamId: data.teamId, profileType: data.profileType, destination: data.destination },
            },
          ),
        ]);
      case 'agent:logout':
        return withData(envelope, agentLogoutSchema, (data, emit) => [
          emit({ kind: 'agent', id: data.agentId }, { type: 'agent.loggedOut' }),
          ...CHANNEL_TYPES.map((channelType) =>
            emit({ kind: 'channel', id: channelEntityId(data.agentId, channelType) }, { type: 'channel.loggedOut' }),
          ),
        ]);
      case 'agent:state_change':
        return withData(envelope, agentStateChangeSchema, (data, emit) => {
          const row = AGENT_STATE_CHANGE[data.currentState];
          const agent = emit(
            { kind: 'agent', id: data.agentId },
            {
              ...row.agent(data.taskId ?? ''),
              idleCode: data.idleCodeId ? { id: data.idleCodeId } : undefined,
              attributes: { teamId: data.teamId, destination: data.destination },
            },
          );
          if (!data.taskId || !row.task) return [agent];
          const membership = row.agentLeavesTask ? { agentLeft: data.agentId } : { agentJoined: data.agentId };
          const task = emit(
            { kind: 'task', id: data.taskId },
            { type: `task.${row.task}`, ...membership, attributes: data.queueId ? { queueId: data.queueId } : undefined },
          );
          return [agent, task];
        });
      case 'agent:channelType_state_change':
        return withData(envelope, agentChannelStateSchema, (data, emit) => [
          emit(
            { kind: 'channel', id: channelEntityId(data.agentId, data.channelType) },
            {
              type: `channel.${CHANNEL_STATE[data.currentState]}`,
              attributes: { pendingIdle: data.pendingIdleState, idleCodeName: data.idleCodeName },
            },
          ),
        ]);
      default:
        return rejected(SOURCE, [{ path: ['type'], message: `unknown Webex event type "${type}"`, code: 'invalid_value' }]);
    }
  },
};

function mapTask(envelope: WebexEnvelope): AdapterResult {
  if (envelope.type === 'capture:available') {
    return withData(envelope, captureAvailableSchema, (data, emit) => [
      emit({ kind: 'task', id: data.taskId }, { type: 'task.updated', capture: data.filePath }),
    ]);
  }
  return withData(envelope, taskSchema, (data, emit) => [
    emit({ kind: 'task', id: data.taskId }, { type: TASK_EVENT[envelope.type], attributes: taskAttributes(data) }),
  ]);
}

function taskAttributes(data: WebexTaskData): TaskAttributes {
  return {
    channelType: data.channelType,
    direction: data.direction,
    origin: data.origin,
    destination: data.destination,
    queueId: data.queueId,
    outboundType: data.outboundType,
    endReason: data.reason,
    endParty: data.terminatingParty,
  };
}

/** Validates `data`, finds the event time, and hands the mapper an `emit` that wraps assertions. */
function withData<S extends z.ZodType<{ createdTime?: number | null | undefined }>>(
  envelope: WebexEnvelope,
  schema: S,
  map: (data: WithoutNulls<z.infer<S>>, emit: Emit) => CanonicalEvent[],
): AdapterResult {
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) return rejectedByZod(SOURCE, parsed.error, ['data']);
  const data = withoutNulls(parsed.data);
  const time = data.createdTime ?? envelope.comciscotimestamp;
  if (time === undefined) {
    return rejected(SOURCE, [
      { path: ['data', 'createdTime'], message: 'no event time: neither data.createdTime nor comciscotimestamp', code: 'invalid_type' },
    ]);
  }
  const emit: Emit = (entity, assertion) => canonicalEvent({ source: SOURCE, id: envelope.id, time, entity }, assertion);
  return { kind: 'events', events: map(data, emit) };
}
