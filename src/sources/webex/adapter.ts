// Webex Contact Center webhooks (seed 001) → canonical events.
import { z } from 'zod';
import type { CanonicalEvent, EntityRef } from '../../events/canonical.js';
import { channelEntityId } from '../../events/canonical.js';
import { CHANNEL_TYPES } from '../../events/states.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../adapter.js';
import { canonicalEvent } from '../canonicalEvent.js';
import { compiled } from '../fields.js';
import { rejected, rejectedByZod } from '../issues.js';
import { AGENT_STATE_CHANGE, CHANNEL_STATE, STATELESS_TYPES, TASK_EVENT } from './mapping.js';
import { type WebexEnvelope, type WebexSchemas, webexSchemas, type WithoutNulls, withoutNulls } from './schema.js';

const SOURCE = 'webex';
const WEBEX_TYPE = /^(agent|task|capture|task-message):/;

/** What every event of one delivery shares. */
interface Delivered {
  id: string;
  type: string;
  time: number;
}

/** The events a delivery's validated `data` asserts. Module-level, so no closure is made per delivery. */
type Mapper<S extends z.ZodType> = (data: WithoutNulls<z.infer<S>>, at: Delivered) => CanonicalEvent[];

/**
 * `fast`: compiled schemas and the envelope's fast path. `reference`: zod's runtime parser on each
 * schema as written, nothing else; the agreement test holds `fast` to it.
 */
export function createWebexAdapter(validation: 'fast' | 'reference' = 'fast'): SourceAdapter {
  // Both validations answer alike (test/sources/webex/compiled.property.test.ts holds them to it):
  // which one is taken changes the speed, not an answer.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: fast path, same answer (test/README.md)
  const schemas = validation === 'fast' ? compiled(webexSchemas) : webexSchemas;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: fast path, same answer (test/README.md)
  const parseEnvelope = validation === 'fast' ? envelopeFastPath(schemas) : (body: unknown) => schemas.envelope.safeParse(body);
  return {
    id: SOURCE,
    recognizes({ body }) {
      if (typeof body !== 'object' || body === null) return false;
      const { type, data } = body as Record<string, unknown>;
      return typeof type === 'string' && WEBEX_TYPE.test(type) && typeof data === 'object';
    },
    toEvents(delivery: ParsedDelivery): AdapterResult {
      const parsed = parseEnvelope(delivery.body);
      if (!parsed.success) return rejectedByZod(SOURCE, parsed.error);
      const envelope = withoutNulls(parsed.data);
      const { type } = envelope;
      if (STATELESS_TYPES.has(type)) return { kind: 'ignored', reason: `${SOURCE}: ${type} carries no state`, eventId: envelope.id };
      if (type === 'capture:available') return withData(envelope, schemas.captureAvailable, mapCapture);
      if (Object.hasOwn(TASK_EVENT, type)) return withData(envelope, schemas.task, mapTask);
      switch (type) {
        case 'agent:login':
          return withData(envelope, schemas.agentLogin, mapLogin);
        case 'agent:logout':
          return withData(envelope, schemas.agentLogout, mapLogout);
        case 'agent:state_change':
          return withData(envelope, schemas.agentStateChange, mapStateChange);
        case 'agent:channelType_state_change':
          return withData(envelope, schemas.agentChannelState, mapChannelState);
        default:
          return rejected(SOURCE, [{ path: ['type'], message: `unknown Webex event type "${type}"`, code: 'invalid_value' }]);
      }
    },
  };
}

export const webexAdapter: SourceAdapter = createWebexAdapter();

type EnvelopeResult = z.ZodSafeParseResult<z.output<WebexSchemas['envelope']>>;

/**
 * Zod's record copies the envelope's `data`, only for the data schema to parse it next: most of
 * the envelope's cost. So the header is parsed with `data` as it is, `data` is checked as the
 * record checks it (a plain object by zod's own test, no symbol keys: any JSON object), and the
 * whole envelope schema runs only to describe a failure. The data schema reads the same fields
 * from `data` as from the record's copy.
 */
function envelopeFastPath(schemas: WebexSchemas): (body: unknown) => EnvelopeResult {
  return (body) => {
    const header = schemas.envelopeHeader.safeParse(body);
    // Stryker disable next-line ConditionalExpression: fast path, same answer (test/README.md)
    if (header.success && isRecord(header.data.data)) return header as EnvelopeResult;
    return schemas.envelope.safeParse(body);
  };
}

// Stryker disable next-line ConditionalExpression: fast path, same answer (test/README.md)
const isRecord = (data: unknown): boolean => z.util.isPlainObject(data) && Object.getOwnPropertySymbols(data).length === 0;

const emit = (at: Delivered, entity: EntityRef, assertion: object): CanonicalEvent =>
  canonicalEvent({ source: SOURCE, id: at.id, time: at.time, entity }, assertion);

const mapLogin: Mapper<WebexSchemas['agentLogin']> = (data, at) => [
  emit(
    at,
    { kind: 'agent', id: data.agentId },
    {
      type: 'agent.loggedIn',
      presence: data.currentState?.toLowerCase() === 'available' ? 'available' : 'idle',
      idleCode: data.idleCodeId ? { id: data.idleCodeId } : undefined,
      attributes: { teamId: data.teamId, profileType: data.profileType, destination: data.destination },
    },
  ),
];

const mapLogout: Mapper<WebexSchemas['agentLogout']> = (data, at) => [
  emit(at, { kind: 'agent', id: data.agentId }, { type: 'agent.loggedOut' }),
  ...CHANNEL_TYPES.map((channelType) =>
    emit(at, { kind: 'channel', id: channelEntityId(data.agentId, channelType) }, { type: 'channel.loggedOut' }),
  ),
];

const mapStateChange: Mapper<WebexSchemas['agentStateChange']> = (data, at) => {
  const row = AGENT_STATE_CHANGE[data.currentState];
  const agent = emit(
    at,
    { kind: 'agent', id: data.agentId },
    row.agent(data.taskId ?? '', {
      idleCode: data.idleCodeId ? { id: data.idleCodeId } : undefined,
      attributes: { teamId: data.teamId, destination: data.destination },
    }),
  );
  if (!data.taskId || !row.task) return [agent];
  const membership = row.agentLeavesTask ? { agentLeft: data.agentId } : { agentJoined: data.agentId };
  const task = emit(
    at,
    { kind: 'task', id: data.taskId },
    { type: `task.${row.task}`, ...membership, attributes: data.queueId ? { queueId: data.queueId } : undefined },
  );
  return [agent, task];
};

const mapChannelState: Mapper<WebexSchemas['agentChannelState']> = (data, at) => [
  emit(
    at,
    { kind: 'channel', id: channelEntityId(data.agentId, data.channelType) },
    {
      type: `channel.${CHANNEL_STATE[data.currentState]}`,
      attributes: { pendingIdle: data.pendingIdleState, idleCodeName: data.idleCodeName },
    },
  ),
];

const mapCapture: Mapper<WebexSchemas['captureAvailable']> = (data, at) => [
  emit(at, { kind: 'task', id: data.taskId }, { type: 'task.updated', capture: data.filePath }),
];

const mapTask: Mapper<WebexSchemas['task']> = (data, at) => [
  emit(
    at,
    { kind: 'task', id: data.taskId },
    {
      type: TASK_EVENT[at.type],
      attributes: {
        channelType: data.channelType,
        direction: data.direction,
        origin: data.origin,
        destination: data.destination,
        queueId: data.queueId,
        outboundType: data.outboundType,
        endReason: data.reason,
        endParty: data.terminatingParty,
      },
    },
  ),
];

/** Validates `data` and finds the event time, then maps. */
function withData<S extends z.ZodType<{ createdTime?: number | null | undefined }>>(
  envelope: WebexEnvelope,
  schema: S,
  map: Mapper<S>,
): AdapterResult {
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) return rejectedByZod(SOURCE, parsed.error, ['data']);
  const data = withoutNulls(parsed.data);
  // The event's own time first (data.createdTime), then Cisco's millisecond stamp of the
  // envelope, then the CloudEvents `time` (ISO 8601, of the envelope too, perhaps coarser).
  const time = data.createdTime ?? envelope.comciscotimestamp ?? envelope.time;
  if (time === undefined) {
    return rejected(SOURCE, [
      { path: ['data', 'createdTime'], message: 'no event time: neither data.createdTime, comciscotimestamp nor time', code: 'invalid_type' },
    ]);
  }
  return { kind: 'events', events: map(data, { id: envelope.id, type: envelope.type, time }) };
}
