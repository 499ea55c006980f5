// Webex webhook bodies as the builders make them, then damaged the ways a vendor or an attacker
// can: fields nulled, removed, mistyped, oversized, re-cased, extra keys, other types. Both valid
// and rejected deliveries come out in quantity, to compare two implementations of the adapter.
import fc from 'fast-check';
import * as webhook from '../../../examples/webex/webhooks.js';
import { CHANNEL_TYPES } from '../../../src/events/states.js';
import { WEBEX_AGENT_STATES } from '../../../src/sources/webex/schema.js';
import { strangeValue } from '../fuzzedJson.js';

const TASK_TYPES: webhook.WebexTaskType[] = [
  'task:new',
  'task:parked',
  'task:connect',
  'task:connected',
  'task:on-hold',
  'task:hold-done',
  'task:consulting',
  'task:consult-done',
  'task:conferencing',
  'task:conference-done',
  'task:conference-transferred',
  'task:ended',
  'task:failed',
  'task:origin-updated',
];
const CHANNEL_STATES = ['Available', 'Idle', 'Engaged', 'EngagedOther', 'WrapUp', 'Reserved', 'LoggedOut'] as const;
const OTHER_TYPES = ['task-message:appended', 'task-message:append-failed', 'agent:teleported', 'task:', ''];

const ENVELOPE_KEYS = ['id', 'specversion', 'type', 'source', 'comciscoorgid', 'comciscocorgid', 'comciscotimestamp', 'datacontenttype', 'data'];
const DATA_KEYS = [
  'createdTime',
  'agentId',
  'taskId',
  'currentState',
  'channelType',
  'destination',
  'profileType',
  'idleCodeId',
  'idleCodeName',
  'teamId',
  'queueId',
  'pendingIdleState',
  'connectedChannels',
  'wrapUpAuxCodeId',
  'loggedOutBy',
  'origin',
  'direction',
  'outboundType',
  'terminatingParty',
  'reason',
  'filePath',
];

const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const time = fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 });

const validBody = fc.oneof(
  fc.tuple(id, time, id, id, fc.boolean()).map(([eventId, t, agent, team, available]) => webhook.agentLogin(eventId, t, agent, team, available)),
  fc.tuple(id, time, id).map(([eventId, t, agent]) => webhook.agentLogout(eventId, t, agent)),
  fc
    .tuple(id, time, id, fc.constantFrom(...WEBEX_AGENT_STATES), fc.record({ taskId: id, idleCodeId: id, queueId: id }, { requiredKeys: [] }))
    .map(([eventId, t, agent, state, extra]) => webhook.agentStateChange(eventId, t, agent, state, extra)),
  fc
    .tuple(id, time, id, fc.constantFrom(...CHANNEL_TYPES), fc.constantFrom(...CHANNEL_STATES), fc.option(id, { nil: undefined }))
    .map(([eventId, t, agent, channel, state, idleCode]) => webhook.channelStateChange(eventId, t, agent, channel, state, idleCode)),
  fc
    .tuple(
      id,
      time,
      fc.constantFrom(...TASK_TYPES),
      id,
      fc.record(
        {
          channelType: fc.constantFrom('telephony', 'chat'),
          direction: fc.constantFrom('INBOUND' as const, 'OUTBOUND' as const),
          origin: id,
          destination: id,
          queueId: id,
          terminatingParty: fc.constantFrom('Customer' as const, 'Agent' as const),
          reason: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([eventId, t, type, task, fields]) => webhook.taskEvent(eventId, t, type, task, fields)),
  fc.tuple(id, time, id).map(([eventId, t, task]) => webhook.captureAvailable(eventId, t, task)),
);

/** Values a field may wrongly (or unusually but validly) hold, Webex names re-cased among them. */
const webexValue: fc.Arbitrary<unknown> = fc.oneof(
  strangeValue,
  fc.constantFrom(...WEBEX_AGENT_STATES, ...CHANNEL_STATES, ...CHANNEL_TYPES).map((name) => (name.length % 2 ? name.toUpperCase() : name)),
  fc.constantFrom(...TASK_TYPES, ...OTHER_TYPES, 'agent:login', 'agent:logout', 'agent:state_change', 'agent:channelType_state_change', 'capture:available'),
  fc.constant(Array.from({ length: 65 }, () => 'c')),
);

const mutation = fc.record({
  inData: fc.boolean(),
  // Mostly a key the body has (a number picks one), else one it may have or an extra one.
  key: fc.oneof({ weight: 3, arbitrary: fc.nat() }, fc.constantFrom(...ENVELOPE_KEYS, ...DATA_KEYS), fc.string({ maxLength: 6 })),
  change: fc.oneof(fc.constant<'remove'>('remove'), webexValue.map((value) => ({ value }))),
});

type Mutation = { inData: boolean; key: number | string; change: 'remove' | { value: unknown } };

function mutate(body: webhook.WebexBody, mutations: Mutation[]): unknown {
  const copy: Record<string, unknown> = { ...body, data: { ...body.data } };
  for (const { inData, key: keyOrIndex, change } of mutations) {
    const target = inData && typeof copy.data === 'object' && copy.data !== null ? (copy.data as Record<string, unknown>) : copy;
    const keys = Object.keys(target);
    const key = typeof keyOrIndex === 'number' ? (keys[keyOrIndex % keys.length] ?? '') : keyOrIndex;
    if (change === 'remove') delete target[key];
    // A copy: fc.constant hands out one instance, which must stay as it is for the next run.
    else target[key] = structuredClone(change.value);
  }
  // Deliveries reach the adapter parsed from JSON text.
  return JSON.parse(JSON.stringify(copy));
}

class Payload {
  constructor(fields: object) {
    Object.assign(this, fields);
  }
}

/**
 * `data` as no JSON text gives it, but an already-parsed body can (the engine takes objects):
 * what zod's record accepts or rejects there must be answered the same way too.
 */
const EXOTIC_DATA: ((data: object) => unknown)[] = [
  (data) => Object.assign(Object.create(null), data),
  (data) => new Payload(data),
  (data) => ({ ...data, [Symbol('extra')]: 1 }),
  (data) => ({ ...data, constructor: Map }),
  (data) => ({ ...data, constructor: 'not a function' }),
  (data) => Object.freeze({ ...data }),
  (data) => new Map(Object.entries(data)),
  () => new Date(0),
];

function withExoticData(body: unknown, make: ((data: object) => unknown) | null): unknown {
  if (!make || typeof body !== 'object' || body === null) return body;
  const { data } = body as { data?: unknown };
  return typeof data === 'object' && data !== null ? { ...body, data: make(data) } : body;
}

/**
 * A Webex body, intact in about a third of the cases, else with one to four things wrong or odd;
 * one in ten also with a `data` object that JSON cannot make.
 */
export const fuzzedWebexBody: fc.Arbitrary<unknown> = fc
  .tuple(
    validBody,
    fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
    fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...EXOTIC_DATA) }),
  )
  .map(([body, mutations, exotic]) => withExoticData(mutate(body, mutations as Mutation[]), exotic));
