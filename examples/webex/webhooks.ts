// Builders of Webex Contact Center webhook bodies (seed 001's CloudEvents shapes), shared by the
// sample generator, the property tests and the benchmarks.

export type WebexAgentStateName =
  | 'idle'
  | 'available'
  | 'ringing'
  | 'not-responding'
  | 'connected'
  | 'on-hold'
  | 'hold-done'
  | 'consulting'
  | 'conferencing'
  | 'consult-done'
  | 'wrapup'
  | 'wrapup-done';

export type WebexTaskType =
  | 'task:new'
  | 'task:parked'
  | 'task:connect'
  | 'task:connected'
  | 'task:on-hold'
  | 'task:hold-done'
  | 'task:consulting'
  | 'task:consult-done'
  | 'task:conferencing'
  | 'task:conference-done'
  | 'task:conference-transferred'
  | 'task:ended'
  | 'task:failed'
  | 'task:origin-updated';

export interface WebexBody {
  id: string;
  specversion: '1.0';
  type: string;
  source: string;
  comciscoorgid: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}

const ORG = '9dcb8657-ffad-45a1-9d8c-2f66e3b64f08';

const envelope = (id: string, type: string, data: Record<string, unknown>): WebexBody => ({
  id,
  specversion: '1.0',
  type,
  source: '/com/cisco/wxcc/AXXbfkWZ331_GLMMoS3N',
  comciscoorgid: ORG,
  datacontenttype: 'application/json',
  data,
});

export const agentLogin = (id: string, time: number, agentId: string, teamId: string, available: boolean) =>
  envelope(id, 'agent:login', {
    agentId,
    currentState: available ? 'Available' : 'Idle',
    profileType: 'BLENDED',
    teamId,
    createdTime: time,
  });

export const agentLogout = (id: string, time: number, agentId: string) =>
  envelope(id, 'agent:logout', { agentId, currentState: 'logged-out', loggedOutBy: 'SELF', createdTime: time });

export const agentStateChange = (
  id: string,
  time: number,
  agentId: string,
  currentState: WebexAgentStateName,
  extra: { taskId?: string; idleCodeId?: string; queueId?: string } = {},
) => envelope(id, 'agent:state_change', { agentId, currentState, ...extra, createdTime: time });

export const channelStateChange = (
  id: string,
  time: number,
  agentId: string,
  channelType: 'telephony' | 'chat' | 'email' | 'social',
  currentState: 'Available' | 'Idle' | 'Engaged' | 'EngagedOther' | 'WrapUp' | 'Reserved' | 'LoggedOut',
  idleCodeName?: string,
) =>
  envelope(id, 'agent:channelType_state_change', {
    agentId,
    channelType,
    currentState,
    pendingIdleState: false,
    ...(idleCodeName ? { idleCodeName } : {}),
    createdTime: time,
  });

export interface WebexTaskFields {
  channelType?: string;
  direction?: 'INBOUND' | 'OUTBOUND';
  origin?: string;
  destination?: string;
  queueId?: string;
  terminatingParty?: 'Customer' | 'Agent';
  reason?: string;
}

export const taskEvent = (id: string, time: number, type: WebexTaskType, taskId: string, fields: WebexTaskFields = {}) =>
  envelope(id, type, { taskId, outboundType: null, ...fields, createdTime: time });

export const captureAvailable = (id: string, time: number, taskId: string) =>
  envelope(id, 'capture:available', { taskId, filePath: `https://api.wxcc-us1.ciscoccservice.com/v1/captures/${taskId}`, createdTime: time });
