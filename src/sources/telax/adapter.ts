// Telax / Intermedia Contact Center category-code events (seed 002) → canonical events.
//
// Only agent events (category 1) carry state. Their `SessionId` is, per the Agent Events page,
// "the ID of the session created when the agent logs in": it names the agent's sign-in, not a
// work item, so it does not drive a task entity (one "task" per sign-in spanning every call of
// a shift would be wrong). It keys the agent's work instead — ReceivingWorkItem, Accepted…,
// Declined…/Released… all name it — so the work of one sign-in starts and ends consistently.
// Telax names no channel type either, so no channel is derived.
import type { AgentAssertion, CanonicalEvent } from '../../events/canonical.js';
import type { AdapterResult, ParsedDelivery, SourceAdapter } from '../adapter.js';
import { canonicalEvent } from '../canonicalEvent.js';
import { compiled } from '../fields.js';
import { rejected, rejectedByZod, toPayloadIssues } from '../issues.js';
import { gatherFields, isRecord } from './additionalFields.js';
import {
  AGENT_CATEGORY,
  AGENT_CODES,
  type AvailabilityMap,
  DEFAULT_AVAILABILITY,
  OTHER_CATEGORIES,
  presenceOf,
  SIGNED_IN_PRESENCE,
} from './mapping.js';
import { AGENT_FIELD_NAMES, type TelaxAgentFields, type TelaxEvent, telaxAgentFieldsSchema, telaxEventSchema } from './schema.js';

const SOURCE = 'telax';

/** The schemas compiled (fields.ts): zod's runtime parser runs only to describe a failure. */
const SCHEMAS = compiled({
  event: telaxEventSchema,
  agentFields: telaxAgentFieldsSchema,
});

export interface TelaxOptions {
  /** AvailabilityCode → presence; defaults to DEFAULT_AVAILABILITY (Telax's published values). */
  availability?: Partial<AvailabilityMap>;
}

export function createTelaxAdapter(options: TelaxOptions = {}): SourceAdapter {
  const availability: AvailabilityMap = {
    codes: options.availability?.codes ?? DEFAULT_AVAILABILITY.codes,
    otherwise: options.availability?.otherwise ?? DEFAULT_AVAILABILITY.otherwise,
  };
  return {
    id: SOURCE,
    recognizes({ body }) {
      return isRecord(body) && 'Id' in body && 'CreationDateUtc' in body && 'Category' in body && 'Code' in body;
    },
    toEvents({ body }: ParsedDelivery): AdapterResult {
      if (!isRecord(body)) return rejected(SOURCE, [{ path: [], message: 'expected a JSON object', code: 'invalid_type' }]);
      const parsed = SCHEMAS.event.safeParse(body);
      if (!parsed.success) return rejectedByZod(SOURCE, parsed.error);
      const event = parsed.data;
      if (event.Category !== AGENT_CATEGORY) {
        const name = Object.hasOwn(OTHER_CATEGORIES, event.Category) ? OTHER_CATEGORIES[event.Category] : 'unknown';
        return { kind: 'ignored', reason: `${SOURCE}: category ${event.Category} (${name}) carries no agent state`, eventId: event.Id };
      }
      const row = Object.hasOwn(AGENT_CODES, event.Code) ? AGENT_CODES[event.Code] : undefined;
      if (!row) return { kind: 'ignored', reason: `${SOURCE}: agent event code ${event.Code} is not documented`, eventId: event.Id };
      const gathered = gatherFields(body, AGENT_FIELD_NAMES);
      if ('path' in gathered) return rejected(SOURCE, [gathered]);
      const fields = SCHEMAS.agentFields.safeParse(gathered.fields);
      if (!fields.success) {
        const issues = toPayloadIssues(fields.error).map((issue) => ({
          ...issue,
          // Stryker disable next-line StringLiteral: for the compiler (test/README.md)
          path: [...gathered.pathOf(issue.path[0] ?? ''), ...issue.path.slice(1)],
        }));
        return rejected(SOURCE, issues);
      }
      const assertion = agentAssertion(row.asserts, fields.data, availability);
      // Stryker disable next-line StringLiteral: for the compiler (test/README.md)
      if ('path' in assertion) return rejected(SOURCE, [{ ...assertion, path: gathered.pathOf(assertion.path[0] ?? '') }]);
      return { kind: 'events', events: [agentEvent(event, fields.data.Username, assertion)] };
    },
  };
}

/** The adapter with the default availability map. */
export const telaxAdapter: SourceAdapter = createTelaxAdapter();

function agentAssertion(
  asserts: (typeof AGENT_CODES)[number]['asserts'],
  fields: TelaxAgentFields,
  availability: AvailabilityMap,
): AgentAssertion | { path: [string]; message: string; code: string } {
  const attributes = fields.PhoneNo ? { destination: fields.PhoneNo } : undefined;
  // The doc does not say which work item; the sign-in session is the closest key it gives.
  const taskId = fields.SessionId ?? '';
  switch (asserts) {
    case 'loggedIn':
      return { type: 'agent.loggedIn', presence: SIGNED_IN_PRESENCE, attributes };
    case 'loggedOut':
      return { type: 'agent.loggedOut', attributes };
    case 'presence': {
      if (fields.AvailabilityCode === undefined) {
        return { path: ['AvailabilityCode'], message: 'StatusChanged (code 3) needs AvailabilityCode', code: 'invalid_type' };
      }
      const presence = presenceOf(availability, fields.AvailabilityCode);
      const idleCode = {
        id: fields.ActivityCode === undefined ? undefined : String(fields.ActivityCode),
        // Blank for every activity but BusyOther.
        name: fields.ActivityName || undefined,
      };
      const named = presence === 'idle' && (idleCode.id !== undefined || idleCode.name !== undefined);
      // Telax agent events assert presence only; work is asserted by the work-item codes.
      return { type: 'agent.presence', presence, endsWork: false, idleCode: named ? idleCode : undefined, attributes };
    }
    case 'workEnded':
      return { type: 'agent.workEnded', taskId, attributes };
    default:
      return { type: 'agent.work', taskId, work: asserts, attributes };
  }
}

function agentEvent(event: TelaxEvent, username: string, assertion: AgentAssertion): CanonicalEvent {
  return canonicalEvent({ source: SOURCE, id: event.Id, time: event.CreationDateUtc, entity: { kind: 'agent', id: username } }, assertion);
}
