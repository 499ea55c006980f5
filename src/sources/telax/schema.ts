// Zod schemas of the Telax / Intermedia Contact Center events (seed 002 and its "Agent Events"
// page): the properties every event has, and the additional fields of agent events.
// Unknown extra fields are allowed and dropped.
import { z } from 'zod';
import { identifier, optional, text } from '../fields.js';

/** "Numeric" in the doc: a JSON number, or the same digits quoted (a form serializer may quote them). */
const integer = z.union([
  z.number().int().min(-2_147_483_648).max(2_147_483_647),
  z
    .string()
    .regex(/^-?\d{1,9}$/, 'expected an integer')
    .transform(Number),
]);

/** "Alphanumeric" ids may still arrive as JSON numbers; they are kept as text. */
const alphanumeric = <T extends z.ZodString>(schema: T) =>
  z.union([schema, z.number().int().nonnegative().transform(String)]);

const CREATION_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `CreationDateUtc`: `yyyyMMddHHmmss` in UTC (one-second resolution) → epoch milliseconds. */
export const creationDateUtc = alphanumeric(z.string().max(14)).transform((value, context) => {
  const parts = CREATION_DATE.exec(value)?.slice(1).map(Number);
  const [year, month, day, hour, minute, second] = parts ?? [];
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    context.addIssue({ code: 'custom', message: 'expected yyyyMMddHHmmss (UTC)' });
    return z.NEVER;
  }
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  // Date.UTC rolls 20240231 over into March: a date that does not round-trip does not exist.
  const exists =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!exists) {
    context.addIssue({ code: 'custom', message: `no such UTC date and time "${value}"` });
    return z.NEVER;
  }
  return time;
});

/** The properties every event has (Events Overview). */
export const telaxEventSchema = z.object({
  Id: identifier,
  CreationDateUtc: creationDateUtc,
  Category: integer,
  Code: integer,
});
export type TelaxEvent = z.infer<typeof telaxEventSchema>;

/** The additional fields of agent events (category 1), wherever they were found. */
export const telaxAgentFieldsSchema = z.object({
  /** The agent. */
  Username: identifier,
  /** The session created when the agent signs in. */
  SessionId: optional(alphanumeric(identifier)),
  SessionType: optional(text),
  PhoneNo: optional(alphanumeric(text)),
  ExitCode: optional(integer),
  ActivityCode: optional(integer),
  AvailabilityCode: optional(integer),
  /** Only set for BusyOther; blank for every other activity. */
  ActivityName: optional(text),
});
export type TelaxAgentFields = z.infer<typeof telaxAgentFieldsSchema>;

/** The field names of `telaxAgentFieldsSchema`: the ones read from `AdditionalFields`. */
export const AGENT_FIELD_NAMES = Object.keys(telaxAgentFieldsSchema.shape) as (keyof TelaxAgentFields)[];
