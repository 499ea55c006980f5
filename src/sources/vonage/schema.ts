// Zod schemas of the Vonage Contact Center webhooks (seed 003): a CloudEvents 1.0 envelope whose
// `type` is `<entity>.<event>.v<n>`, and the `data` of channel and agent presence events.
// Unknown extra fields are allowed and dropped.
import { z } from 'zod';
import { identifier, optional, text } from '../fields.js';

/** The channel events of seed 003, in the order the seed lists them. */
export const VONAGE_CHANNEL_EVENTS = [
  'alerted',
  'connected',
  'connectionfailed',
  'disconnected',
  'ended',
  'held',
  'interrupted',
  'parked',
  'resumed',
  'retrieved',
  'unparked',
  'wrapstarted',
] as const;
export type VonageChannelEvent = (typeof VONAGE_CHANNEL_EVENTS)[number];

/** The docs publish `.v0` pages and `.v1` pages of the same events: both are accepted. */
export const VONAGE_VERSIONS = ['v0', 'v1'] as const;

/** `channel.connected.v1`, `agent.presencechanged.v0`: the shape `recognizes` looks for. */
export const VONAGE_TYPE = /^(agent|channel)\.([a-z]+)\.(v\d+)$/;

/** An ISO 8601 date-time with a zone; the docs send up to 7 fraction digits (kept to the ms). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const isoMillis = z
  .string()
  .max(64)
  .regex(ISO_DATE_TIME, 'expected an ISO 8601 date-time with a zone')
  .transform((value, context) => {
    const time = Date.parse(value);
    if (Number.isNaN(time) || time < 0) {
      context.issues.push({ code: 'custom', message: 'not a valid date-time', input: value });
      return z.NEVER;
    }
    return time;
  });

export const vonageEnvelopeSchema = z.object({
  specversion: optional(text),
  type: z.string().max(128).regex(VONAGE_TYPE, 'expected a Vonage event type like "channel.connected.v1"'),
  id: identifier,
  // CloudEvents: `id` is unique only together with `source` (the docs reuse one id across examples).
  source: identifier,
  subject: optional(text),
  /** When the notification was made; the event time is `data.timestamp`. */
  time: optional(isoMillis),
  datacontenttype: optional(text),
  data: z.record(z.string(), z.unknown()),
});
export type VonageEnvelope = z.infer<typeof vonageEnvelopeSchema>;

const timed = { timestamp: optional(isoMillis) };

/** Roles are compared lower-cased: the docs show `agent`, and only describe the other party in prose. */
const role = z
  .string()
  .min(1)
  .max(64)
  .transform((value) => value.toLowerCase());

export const channelDataSchema = z
  .object({
    ...timed,
    reason: optional(text),
    channel: z.object({
      conversationId: optional(identifier),
      interactionId: identifier,
      channelId: optional(identifier),
      party: z.object({
        role,
        agentId: optional(identifier),
        userId: optional(identifier),
      }),
    }),
  })
  .superRefine((data, context) => {
    if (data.channel.party.role === 'agent' && data.channel.party.agentId === undefined) {
      context.addIssue({ code: 'custom', path: ['channel', 'party', 'agentId'], message: 'an agent party needs an agentId' });
    }
  });
export type VonageChannelData = z.infer<typeof channelDataSchema>;

/**
 * Presence categories are matched without case or separators, so `extendedAway`,
 * `extended_away` and `Extended away` are one category.
 */
export const VONAGE_PRESENCE_CATEGORIES = ['ready', 'away', 'extendedaway', 'loggedout'] as const;
export type VonagePresenceCategory = (typeof VONAGE_PRESENCE_CATEGORIES)[number];

const presenceCategory = z
  .string()
  .max(64)
  .transform((value) => value.toLowerCase().replace(/[^a-z]/g, ''))
  .pipe(z.enum(VONAGE_PRESENCE_CATEGORIES));

export const presenceChangedDataSchema = z.object({
  ...timed,
  presence: z.object({
    presenceId: optional(identifier),
    category: z.object({
      type: presenceCategory,
      description: optional(text),
      subcategory: optional(text),
    }),
    description: optional(text),
  }),
  user: z.object({
    agentId: identifier,
    userId: optional(identifier),
  }),
});
export type VonagePresenceData = z.infer<typeof presenceChangedDataSchema>;
