// Zod schemas of the Webex Contact Center webhooks (seed 001): a CloudEvents envelope and one
// data schema per event type. Unknown extra fields are allowed and dropped.
import { z } from 'zod';
import { CHANNEL_TYPES } from '../../events/states.js';
import { epochMillis, identifier, text } from '../fields.js';

/**
 * An optional field, also null (Webex sends both). Unlike the shared `optional()`, no transform
 * turns null into undefined here: a zod pipe per field made validation about 3x slower
 * (bench/README.md), so the adapter does it once per object after parsing (`withoutNulls`).
 */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/** A parsed Webex object once its nulls are undefined: what `optional()` of fields.ts gives. */
export type WithoutNulls<T> = { [K in keyof T]: Exclude<T[K], null> };

/** Turns the null fields of a freshly parsed object into undefined, in place (shallow). */
export function withoutNulls<T extends object>(parsed: T): WithoutNulls<T> {
  const fields = parsed as Record<string, unknown>;
  for (const key in fields) if (fields[key] === null) fields[key] = undefined;
  return parsed as WithoutNulls<T>;
}

export const webexEnvelopeSchema = z.object({
  id: identifier,
  specversion: optional(text),
  type: z.string().min(1).max(128),
  source: optional(text),
  // The docs spell the org id both ways; neither is needed for state.
  comciscoorgid: optional(text),
  comciscocorgid: optional(text),
  comciscotimestamp: optional(epochMillis),
  // The CloudEvents time (ISO 8601), read as epoch milliseconds: the last of the event times.
  time: optional(
    z.iso
      .datetime({ offset: true })
      .max(64)
      .transform((value) => Date.parse(value)),
  ),
  datacontenttype: optional(text),
  data: z.record(z.string(), z.unknown()),
});
export type WebexEnvelope = WithoutNulls<z.infer<typeof webexEnvelopeSchema>>;

/** The envelope with `data` as it is, not copied by the record (the adapter's fast path). */
export const webexEnvelopeHeaderSchema = webexEnvelopeSchema.extend({ data: z.unknown() });

const timed = { createdTime: optional(epochMillis) };

export const agentLoginSchema = z.object({
  ...timed,
  agentId: identifier,
  currentState: optional(text),
  destination: optional(text),
  profileType: optional(text),
  idleCodeId: optional(text),
  teamId: optional(text),
});

export const agentLogoutSchema = z.object({
  ...timed,
  agentId: identifier,
  currentState: optional(text),
  loggedOutBy: optional(text),
});

export const WEBEX_AGENT_STATES = [
  'idle',
  'available',
  'ringing',
  'not-responding',
  'connected',
  'on-hold',
  'hold-done',
  'consulting',
  'conferencing',
  'consult-done',
  'wrapup',
  'wrapup-done',
] as const;
export type WebexAgentState = (typeof WEBEX_AGENT_STATES)[number];

const lowerCased = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(64)
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(values));

export const agentStateChangeSchema = z.object({
  ...timed,
  agentId: identifier,
  currentState: lowerCased(WEBEX_AGENT_STATES),
  taskId: optional(identifier),
  destination: optional(text),
  queueId: optional(text),
  idleCodeId: optional(text),
  connectedChannels: optional(z.array(text).max(64)),
  wrapUpAuxCodeId: optional(text),
  teamId: optional(text),
});

export const WEBEX_CHANNEL_STATES = [
  'available',
  'idle',
  'engaged',
  'engagedother',
  'wrapup',
  'reserved',
  'loggedout',
] as const;
export type WebexChannelState = (typeof WEBEX_CHANNEL_STATES)[number];

export const agentChannelStateSchema = z.object({
  ...timed,
  agentId: identifier,
  currentState: lowerCased(WEBEX_CHANNEL_STATES),
  channelType: lowerCased(CHANNEL_TYPES),
  pendingIdleState: optional(z.boolean()),
  idleCodeName: optional(text),
  teamId: optional(text),
});

export const captureAvailableSchema = z.object({
  ...timed,
  taskId: identifier,
  filePath: optional(text),
});

export const taskSchema = z.object({
  ...timed,
  taskId: identifier,
  origin: optional(text),
  destination: optional(text),
  direction: optional(text),
  channelType: optional(text),
  outboundType: optional(text),
  queueId: optional(text),
  terminatingParty: optional(text),
  reason: optional(text),
});

/** Every schema the adapter parses with. */
export const webexSchemas = {
  envelope: webexEnvelopeSchema,
  envelopeHeader: webexEnvelopeHeaderSchema,
  agentLogin: agentLoginSchema,
  agentLogout: agentLogoutSchema,
  agentStateChange: agentStateChangeSchema,
  agentChannelState: agentChannelStateSchema,
  captureAvailable: captureAvailableSchema,
  task: taskSchema,
};
export type WebexSchemas = typeof webexSchemas;
