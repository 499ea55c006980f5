// Zod schemas of the Webex Contact Center Web SDK events (seed 000 and the SDK's own types), in
// the line format of DESIGN §2: `{"event": "<SDK event name>", "payload": <what the SDK emits>}`,
// with an optional `task` beside the payload: the emitting task's `task.data`, for the events
// whose payload is not the task (`task:rejected` emits a reason string). Unknown extra fields
// are allowed and dropped.
import { z } from 'zod';
import { epochMillis, identifier, optional, text } from '../fields.js';

/**
 * `agent:stationLoginSuccess`, `task:consultQueueCancelled`, `task:ui-controls-updated`,
 * `cc:featureEnablement`: a family, a colon, a name of letters and hyphens (a hyphen is part of
 * the name, never a separator).
 */
export const SDK_EVENT_NAME = /^(agent|task|cc):[A-Za-z][A-Za-z-]{0,63}$/;

export const sdkDeliverySchema = z.object({
  event: z.string().max(128).regex(SDK_EVENT_NAME, 'expected an SDK event name such as "task:assigned"'),
  // Failure events document no payload ("-"), so its absence is only an error where it is read.
  payload: z.unknown(),
  /** The task the event is about, when the payload is not the task (`task:rejected`'s reason). */
  task: z.unknown().optional(),
});

/** `subStatus` is "Available" or "Idle" in the SDK's agent payloads; compared case-insensitively. */
const subStatus = z
  .string()
  .max(64)
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['available', 'idle']));

/** Agent payloads carry their time as `eventTime`; `lastStateChangeTimestamp` is the fallback. */
const agentTimes = {
  eventTime: optional(epochMillis),
  lastStateChangeTimestamp: optional(epochMillis),
};

/** AgentStationLoginSuccess (also the payload of `agent:reloginSuccess`). */
export const agentLoginSchema = z.object({
  ...agentTimes,
  agentId: identifier,
  // A station login lands in Idle unless the payload says otherwise.
  subStatus: optional(subStatus),
  auxCodeId: optional(text),
  teamId: optional(text),
  profileType: optional(text),
  dn: optional(text),
  interactionIds: optional(z.array(identifier).max(1024)),
});

/** AgentStateChangeSuccess's `data`. */
export const agentStateChangeSchema = z.object({
  ...agentTimes,
  agentId: identifier,
  subStatus,
  auxCodeId: optional(text),
});

/** AgentLogoutSuccess's `data`. */
export const agentLogoutSchema = z.object({
  ...agentTimes,
  agentId: identifier,
  loggedOutBy: optional(text),
  logoutReason: optional(text),
});

const MAX_PARTICIPANTS = 64;

/**
 * Who takes part in the interaction, keyed by participant id (the SDK's InteractionParticipant):
 * `pType` "Agent", "Customer", "Supervisor", "VVA"…; `hasLeft` once that party left the call.
 */
const participants = z.union([
  z
    .record(identifier, z.object({ pType: optional(text), hasLeft: optional(z.boolean()) }))
    .refine((record) => Object.keys(record).length <= MAX_PARTICIPANTS, `at most ${MAX_PARTICIPANTS} participants`),
  // The SDK's own test data starts an interaction with `participants: []`: nobody yet.
  z.tuple([]).transform((): Record<string, never> => ({})),
]);

/** Seed 000's Task Payload (`task.data`), with `wrapupRequired` (task:end) and `reason` (task:rejected). */
export const taskSchema = z
  .object({
    agentId: optional(identifier),
    // A task event without its own time cannot be placed: the interaction's createdTimestamp
    // is the start of the call, not of this event, and arrival time would break convergence.
    eventTime: epochMillis,
    // The SDK's TaskData also carries the id at top level; the interaction's copy comes first.
    interactionId: optional(identifier),
    interaction: optional(
      z.object({
        interactionId: optional(identifier),
        createdTimestamp: optional(epochMillis),
        currentVTeam: optional(text),
        state: optional(text),
        // The primary agent (the SDK's isPrimary reads it): tells the consulted agent's events apart.
        owner: optional(identifier),
        mediaType: optional(text),
        participants: optional(participants),
      }),
    ),
    // The SDK's TaskData also carries the owner at top level; the interaction's copy comes first.
    owner: optional(identifier),
    mediaType: optional(text),
    contactDirection: optional(z.object({ type: optional(text) })),
    state: optional(text),
    // The seed spells it `wrapupRequired`; the SDK's TaskData spells it `wrapUpRequired`.
    wrapupRequired: optional(z.boolean()),
    wrapUpRequired: optional(z.boolean()),
    reason: optional(text),
  })
  .superRefine((task, context) => {
    if (!task.interaction?.interactionId && !task.interactionId) {
      context.addIssue({ code: 'custom', path: ['interaction', 'interactionId'], message: 'a task event needs its interaction id' });
    }
  });
export type SdkTask = z.infer<typeof taskSchema>;

// Stryker disable next-line StringLiteral: for the compiler (test/README.md)
export const taskIdOf = (task: SdkTask): string => task.interaction?.interactionId ?? task.interactionId ?? '';

export const ownerOf = (task: SdkTask): string | undefined => task.interaction?.owner ?? task.owner;
