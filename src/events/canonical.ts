// Canonical events: what every source adapter produces and every machine consumes.
// A canonical event is an XState event (its `type` names the assertion) wrapped in the
// envelope the ledger needs to dedupe and order it: source, event id, event time, entity.
import type { ChannelState, ChannelType, Presence, TaskState, Work } from './states.js';

export const SOURCE_IDS = ['webex', 'webex-sdk', 'vonage', '8x8', 'telax'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export interface EntityRef {
  kind: 'agent' | 'channel' | 'task';
  /** Agent id, task id, or `${agentId}/${channelType}` for a channel. */
  id: string;
}

export interface Envelope {
  source: SourceId;
  /** Dedupe key within the entity: the vendor's event id, or a stable hash of the content. */
  id: string;
  /** Event time in epoch milliseconds (the vendor's, never the arrival time). */
  time: number;
  entity: EntityRef;
}

export interface IdleCode {
  id?: string;
  name?: string;
}

export interface AgentAttributes {
  teamId?: string;
  profileType?: string;
  destination?: string;
}

/** Assertions about an agent. Presence and work are separate facts (DESIGN §3). */
export type AgentAssertion =
  | { type: 'agent.loggedIn'; presence: Exclude<Presence, 'loggedOut'>; idleCode?: IdleCode; attributes?: AgentAttributes }
  | { type: 'agent.loggedOut'; attributes?: AgentAttributes }
  /**
   * Presence. `endsWork` marks a source whose agent events carry the whole state (Webex
   * `agent:state_change`): "available" then also says the agent has no work left.
   */
  | {
      type: 'agent.presence';
      presence: Exclude<Presence, 'loggedOut'>;
      endsWork: boolean;
      idleCode?: IdleCode;
      attributes?: AgentAttributes;
    }
  /** Work on one task; `taskId` is '' when the source does not say which. */
  | { type: 'agent.work'; taskId: string; work: Work; attributes?: AgentAttributes }
  /** Work on a task is over; `presence` is set when the source says where the agent goes next. */
  | { type: 'agent.workEnded'; taskId: string; presence?: Exclude<Presence, 'loggedOut'>; attributes?: AgentAttributes };

interface ChannelAttributes {
  pendingIdle?: boolean;
  idleCodeName?: string;
}

type ChannelAssertion = { type: `channel.${ChannelState}`; attributes?: ChannelAttributes };

export interface TaskAttributes {
  channelType?: string;
  direction?: string;
  origin?: string;
  destination?: string;
  queueId?: string;
  outboundType?: string;
  /** Why the task ended (Webex `reason`, Vonage end reason…). */
  endReason?: string;
  /** Who ended it (Webex `terminatingParty`). */
  endParty?: string;
  recording?: string;
}

/**
 * The attributes that carry personal data: a caller's number, address or name (`origin`,
 * `destination` of a task), an agent's own number (`destination`). Masked before they reach an
 * inspector (src/inspect/personalData.ts); an adapter that adds such an attribute lists it here.
 */
export const PERSONAL_ATTRIBUTES = ['origin', 'destination'] as const satisfies readonly (keyof TaskAttributes | keyof AgentAttributes)[];

export interface TaskAssertionFields {
  attributes?: TaskAttributes;
  /** An agent that takes part in the task from this event on. */
  agentJoined?: string;
  /** An agent that no longer takes part (RONA, left a transfer). */
  agentLeft?: string;
  /** A capture (recording) that became available. */
  capture?: string;
  /**
   * On `task.ended`: an agent left, which ends the task unless it is queued for a transfer
   * (8x8 `AGENT_LEFT` after `TRANSFER`: another agent will join).
   */
  unlessTransferPending?: true;
}

export type TaskAssertion =
  | ({ type: `task.${TaskState}` } & TaskAssertionFields)
  /** Attributes only: no state is asserted. */
  | ({ type: 'task.updated' } & TaskAssertionFields);

export type AgentEvent = Envelope & AgentAssertion;
export type ChannelEvent = Envelope & ChannelAssertion;
export type TaskEvent = Envelope & TaskAssertion;
export type CanonicalEvent = AgentEvent | ChannelEvent | TaskEvent;

export const channelEntityId = (agentId: string, channelType: ChannelType): string => `${agentId}/${channelType}`;
