// Builders of canonical events for machine and ledger specs: every field but the assertion defaulted.
import type { AgentEvent, CanonicalEvent, ChannelEvent, TaskEvent } from '../../src/events/canonical.js';

let counter = 0;
const nextId = () => `e${++counter}`;

type Without<T> = T extends unknown ? Omit<T, 'source' | 'id' | 'time' | 'entity'> : never;
type Overrides = { id?: string; time?: number };

export const taskEvent = (assertion: Without<TaskEvent>, at: Overrides = {}, taskId = 't1'): TaskEvent =>
  ({ ...assertion, source: 'webex', id: at.id ?? nextId(), time: at.time ?? 0, entity: { kind: 'task', id: taskId } }) as TaskEvent;

export const agentEvent = (assertion: Without<AgentEvent>, at: Overrides = {}, agentId = 'a1'): AgentEvent =>
  ({ ...assertion, source: 'webex', id: at.id ?? nextId(), time: at.time ?? 0, entity: { kind: 'agent', id: agentId } }) as AgentEvent;

export const channelEvent = (assertion: Without<ChannelEvent>, at: Overrides = {}, channelId = 'a1/telephony'): ChannelEvent =>
  ({ ...assertion, source: 'webex', id: at.id ?? nextId(), time: at.time ?? 0, entity: { kind: 'channel', id: channelId } }) as ChannelEvent;

/** A task's lifecycle, one event every 100 ms: new, queued, offered, connected, held, connected, ended. */
export const taskLifecycle = (): TaskEvent[] => [
  taskEvent({ type: 'task.new' }, { id: 'n', time: 100 }),
  taskEvent({ type: 'task.queued' }, { id: 'q', time: 200 }),
  taskEvent({ type: 'task.offered', agentJoined: 'a1' }, { id: 'o', time: 300 }),
  taskEvent({ type: 'task.connected', agentJoined: 'a1' }, { id: 'c', time: 400 }),
  taskEvent({ type: 'task.held' }, { id: 'h', time: 500 }),
  taskEvent({ type: 'task.connected' }, { id: 'r', time: 600 }),
  taskEvent({ type: 'task.ended' }, { id: 'e', time: 700 }),
];

/** Times the events 1 ms apart in the order given. */
export const inSequence = <E extends CanonicalEvent>(events: E[], start = 1000): E[] =>
  events.map((event, index) => ({ ...event, time: start + index }));
