// Webex Contact Center Web SDK events (seed 000) → canonical events.
// SDK events carry no id: each gets one derived from its name and payload (DESIGN §2), so a
// redelivered line dedupes and the arrival time never enters the id.
import type { z } from 'zod';
import type { AgentAssertion, CanonicalEvent, Envelope, TaskAssertion } from '../../events/canonical.js';
import { channelEntityId } from '../../events/canonical.js';
import { CHANNEL_TYPES } from '../../events/states.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../adapter.js';
import { canonicalEvent } from '../canonicalEvent.js';
import { derivedEventId } from '../derivedEventId.js';
import { compiled } from '../fields.js';
import { rejected, rejectedByZod } from '../issues.js';
import { AGENT_EVENTS, type AgentWork, HYDRATE_EVENTS, HYDRATE_STATE, isFailure, STATELESS_EVENTS, TASK_EVENTS, type TaskRow } from './mapping.js';
import {
  agentLoginSchema,
  agentLogoutSchema,
  agentStateChangeSchema,
  ownerOf,
  SDK_EVENT_NAME,
  type SdkTask,
  sdkDeliverySchema,
  taskIdOf,
  taskSchema,
} from './schema.js';
import { assertNever } from '../../assertNever.js';

const SOURCE = 'webex-sdk';

/** The schemas compiled (fields.ts): zod's runtime parser runs only to describe a failure. */
const SCHEMAS = compiled({
  delivery: sdkDeliverySchema,
  agentLogin: agentLoginSchema,
  agentStateChange: agentStateChangeSchema,
  agentLogout: agentLogoutSchema,
  task: taskSchema,
});

type Emit = (entity: Envelope['entity'], assertion: object) => CanonicalEvent;
/** `participant`: the event is about that participant alone (its id is the delivery's, plus the participant). */
type TaskEmit = (entity: Envelope['entity'], assertion: object, participant?: string) => CanonicalEvent;
type Path = (string | number)[];
/** A task event's task: its data, and where in the line it was read (`payload`, or `task` beside it). */
type Subject = { data: unknown; at: Path };

const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export const webexSdkAdapter: SourceAdapter = {
  id: SOURCE,
  recognizes({ body }) {
    if (!isRecord(body)) return false;
    // Failure events document no payload, so a line may be `{"event": "agent:logoutFailed"}` alone.
    const payloadOrNothing = 'payload' in body || Object.keys(body).length === 1;
    return typeof body.event === 'string' && SDK_EVENT_NAME.test(body.event) && payloadOrNothing;
  },
  toEvents({ body }: ParsedDelivery): AdapterResult {
    const delivery = SCHEMAS.delivery.safeParse(body);
    if (!delivery.success) return rejectedByZod(SOURCE, delivery.error);
    const { event, payload, task } = delivery.data;
    // `task` is left out of the content when absent, so a line without it keeps its id.
    const id = derivedEventId(SOURCE, { event, payload, task });
    const agentEvent = own(AGENT_EVENTS, event);
    if (agentEvent) return mapAgent(agentEvent, payload, id);
    // The task is `task` beside the payload when the line has one, else the payload itself.
    const subject: Subject = task === undefined ? { data: payload, at: ['payload'] } : { data: task, at: ['task'] };
    if (HYDRATE_EVENTS.has(event)) return mapHydrate(event, subject, id);
    const row = own(TASK_EVENTS, event);
    if (row) return withTask(event, subject, id, (task, emit) => taskEvents(row, task, emit));
    const stateless = own(STATELESS_EVENTS, event);
    if (stateless) return { kind: 'ignored', reason: `${SOURCE}: ${event} ${stateless}`, eventId: id };
    if (isFailure(event)) return { kind: 'ignored', reason: `${SOURCE}: ${event} reports a failed request: no state changed`, eventId: id };
    return rejected(SOURCE, [{ path: ['event'], message: `unknown Webex SDK event "${event}"`, code: 'invalid_value' }]);
  },
};

function mapAgent(kind: (typeof AGENT_EVENTS)[string], payload: unknown, id: string): AdapterResult {
  switch (kind) {
    case 'login':
    case 'relogin':
      return withAgent(SCHEMAS.agentLogin, payload, id, (data) => {
        const presence = data.subStatus ?? 'idle';
        const idleCode = presence === 'idle' && data.auxCodeId ? { id: data.auxCodeId } : undefined;
        const attributes = { teamId: data.teamId, profileType: data.profileType, destination: data.dn };
        if (kind === 'login') return [{ type: 'agent.loggedIn', presence, idleCode, attributes }];
        // A re-login re-attaches a session that never ended: the agent keeps the work that
        // task:hydrate is about to restore, unless the payload says it has no interactions.
        const endsWork = data.interactionIds !== undefined && data.interactionIds.length === 0;
        return [{ type: 'agent.presence', presence, endsWork, idleCode, attributes }];
      });
    case 'stateChange':
      // Presence only: the SDK's work states come from task events (DESIGN §3).
      return withAgent(SCHEMAS.agentStateChange, payload, id, (data) => [
        {
          type: 'agent.presence',
          presence: data.subStatus,
          endsWork: false,
          idleCode: data.subStatus === 'idle' && data.auxCodeId ? { id: data.auxCodeId } : undefined,
        },
      ]);
    case 'logout':
      return withAgent(SCHEMAS.agentLogout, payload, id, () => [{ type: 'agent.loggedOut' }], true);
    // Stryker disable next-line ConditionalExpression: unreachable (test/README.md)
    default:
      return assertNever(kind);
  }
}

/**
 * Validates an agent payload (flat, as documented for AgentStationLoginSuccess, or wrapped in
 * `data`, as documented for AgentStateChangeSuccess and AgentLogoutSuccess — both are accepted
 * for every agent event) and emits its assertions for the agent (and, on logout, its channels).
 */
function withAgent<S extends z.ZodType<{ agentId: string; eventTime?: number; lastStateChangeTimestamp?: number }>>(
  schema: S,
  payload: unknown,
  id: string,
  map: (data: z.infer<S>) => AgentAssertion[],
  channelsLogOut = false,
): AdapterResult {
  const wrapped = isRecord(payload) && isRecord(payload.data);
  const at: Path = wrapped ? ['payload', 'data'] : ['payload'];
  const parsed = schema.safeParse(wrapped ? (payload as { data: unknown }).data : payload);
  if (!parsed.success) return rejectedByZod(SOURCE, parsed.error, at);
  const data = parsed.data;
  const time = data.eventTime ?? data.lastStateChangeTimestamp;
  if (time === undefined) {
    return rejected(SOURCE, [{ path: [...at, 'eventTime'], message: 'no event time: neither eventTime nor lastStateChangeTimestamp', code: 'invalid_type' }]);
  }
  const emit: Emit = (entity, assertion) => canonicalEvent({ source: SOURCE, id, time, entity }, assertion);
  const events = map(data).map((assertion) => emit({ kind: 'agent', id: data.agentId }, assertion));
  if (channelsLogOut) {
    for (const channelType of CHANNEL_TYPES) {
      events.push(emit({ kind: 'channel', id: channelEntityId(data.agentId, channelType) }, { type: 'channel.loggedOut' }));
    }
  }
  return { kind: 'events', events };
}

function mapHydrate(event: string, subject: Subject, id: string): AdapterResult {
  return withTask(event, subject, id, (task, emit) => {
    const state = (task.state ?? task.interaction?.state)?.toLowerCase();
    // Stryker disable next-line ConditionalExpression: for the compiler (test/README.md)
    const restored = state === undefined ? undefined : own(HYDRATE_STATE, state);
    const path = task.state === undefined && task.interaction?.state !== undefined ? [...subject.at, 'interaction', 'state'] : [...subject.at, 'state'];
    if (!restored) return { path, state };
    return taskEvents({ task: restored.task, work: restored.work }, task, emit);
  });
}

/** A task event's assertions: the task's, and the named agent's work (DESIGN §3 "Webex SDK"). */
function taskEvents(asserted: TaskRow, task: SdkTask, emit: TaskEmit): CanonicalEvent[] {
  const taskId = taskIdOf(task);
  const agentId = task.agentId;
  const owner = ownerOf(task);
  const row = asserted.fromConsulted && agentId && owner && owner !== agentId ? asserted.fromConsulted : asserted;
  const membership = agentId && row.work ? (row.agentLeaves ? { agentLeft: agentId } : { agentJoined: agentId }) : {};
  const assertion: TaskAssertion = {
    type: `task.${row.task}`,
    ...membership,
    attributes: {
      channelType: task.mediaType ?? task.interaction?.mediaType,
      direction: task.contactDirection?.type,
      queueId: task.interaction?.currentVTeam,
      recording: row.recording,
    },
  };
  const events = [emit({ kind: 'task', id: taskId }, assertion)];
  if (agentId && row.work) events.push(emit({ kind: 'agent', id: agentId }, agentWork(row.work, taskId, task)));
  if (row.members) events.push(...membersOf(task, (participant, membership) => emit({ kind: 'task', id: taskId }, membership, participant)));
  return events;
}

/**
 * Who is on the call, one event per agent in `interaction.participants`: it takes part, or left
 * (`hasLeft`). Customers, supervisors and virtual agents are not agents of the task.
 */
function membersOf(task: SdkTask, emit: (participant: string, membership: TaskAssertion) => CanonicalEvent): CanonicalEvent[] {
  const participants = task.interaction?.participants ?? {};
  return Object.entries(participants)
    .filter(([, participant]) => participant.pType?.toLowerCase() === 'agent')
    .map(([id, participant]) => emit(id, { type: 'task.updated', ...(participant.hasLeft ? { agentLeft: id } : { agentJoined: id }) }));
}

function agentWork(work: AgentWork, taskId: string, task: SdkTask): AgentAssertion {
  const wrapupRequired = task.wrapupRequired ?? task.wrapUpRequired ?? false;
  if (work === 'ended' || (work === 'wrapupIfRequired' && !wrapupRequired)) return { type: 'agent.workEnded', taskId };
  return { type: 'agent.work', taskId, work: work === 'wrapupIfRequired' ? 'wrapup' : work };
}

/**
 * Validates a task; the mapper returns the events, or the path of a state it cannot read. An
 * event about one participant gets its own id, derived from the event's: two events of one
 * delivery about the same task must not share one.
 */
function withTask(
  event: string,
  subject: Subject,
  id: string,
  map: (task: SdkTask, emit: TaskEmit) => CanonicalEvent[] | { path: Path; state: string | undefined },
): AdapterResult {
  if (!isRecord(subject.data) && subject.at[0] === 'payload' && typeof subject.data === 'string') {
    const message = `${event} carries only "${subject.data.slice(0, 64)}": name its task in a "task" field beside the payload`;
    return rejected(SOURCE, [{ path: ['task'], message, code: 'invalid_type' }]);
  }
  const parsed = SCHEMAS.task.safeParse(subject.data);
  if (!parsed.success) return rejectedByZod(SOURCE, parsed.error, subject.at);
  const time = parsed.data.eventTime;
  const mapped = map(parsed.data, (entity, assertion, participant) =>
    canonicalEvent({ source: SOURCE, id: participant === undefined ? id : `${id}/${participant}`, time, entity }, assertion),
  );
  if (Array.isArray(mapped)) return { kind: 'events', events: mapped };
  const message = mapped.state === undefined ? `${event} needs the task state` : `unknown task state "${mapped.state}"`;
  return rejected(SOURCE, [{ path: mapped.path, message, code: 'invalid_value' }]);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
