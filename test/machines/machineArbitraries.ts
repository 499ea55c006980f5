// Generated contexts and assertions for each machine: every field a machine reads, in values that
// reach its guarded edges and its gaps. Each element of `events` holds one assertion of every type
// the machine takes, all sharing an envelope (id, time).
import fc from 'fast-check';
import type { AgentContext } from '../../machines/agent.context.js';
import type { ChannelContext } from '../../machines/channel.context.js';
import type { Gap } from '../../machines/gaps.js';
import type { Participation, TaskContext } from '../../machines/task.context.js';
import type { AgentEvent, CanonicalEvent, ChannelEvent, TaskEvent } from '../../src/events/canonical.js';
import { AGENT_STATES, CHANNEL_STATES, TASK_STATES, WORK_STATES } from '../../src/events/states.js';

export interface MachineArbitraries<C, E extends CanonicalEvent> {
  context: fc.Arbitrary<C>;
  events: fc.Arbitrary<E[]>;
}

const time = fc.integer({ min: 0, max: 5_000 });
const agentIds = ['a1', 'a2', 'a3'] as const;
const taskIds = ['t1', 't2', 't3', ''] as const;
const envelope = (kind: CanonicalEvent['entity']['kind']) =>
  fc.record({ id: fc.constantFrom('e1', 'e2', 'e3'), time }).map(({ id, time: at }) => ({ source: 'webex' as const, id, time: at, entity: { kind, id: 'x' } }));
const gapsOf = <S extends string>(states: readonly S[]) =>
  fc.record({
    gaps: fc.array(fc.record({ from: fc.constantFrom(...states), to: fc.constantFrom(...states), at: time, eventId: fc.constant('g') }) as fc.Arbitrary<Gap<S>>, {
      maxLength: 17,
    }),
    gapCount: fc.nat({ max: 40 }),
  });
const since = fc.option(time, { nil: null });

export const agentArbitraries: MachineArbitraries<AgentContext, AgentEvent> = (() => {
  const idleCode = fc.option(fc.record({ id: fc.constantFrom('1', '2'), name: fc.constantFrom('Lunch', 'Break') }, { requiredKeys: [] }), { nil: undefined });
  const attributes = fc.option(fc.record({ teamId: fc.constantFrom('team-1', 'team-2'), destination: fc.constant('+1') }, { requiredKeys: [] }), { nil: undefined });
  const presence = fc.constantFrom('idle' as const, 'available' as const);
  const taskId = fc.constantFrom(...taskIds);
  const context: fc.Arbitrary<AgentContext> = fc
    .record({
      presence: fc.constantFrom('loggedOut' as const, 'idle' as const, 'available' as const),
      work: fc.dictionary(taskId, fc.constantFrom(...WORK_STATES), { maxKeys: 3 }),
      idleCode: fc.option(fc.record({ name: fc.constantFrom('Lunch', 'Meeting') }), { nil: null }),
      attributes: fc.record({ teamId: fc.constantFrom('team-1', 'team-3') }, { requiredKeys: [] }),
      since,
      gapRecord: gapsOf(AGENT_STATES),
    })
    .map(({ gapRecord, ...facts }) => ({ agentId: 'x', ...facts, ...gapRecord }));
  const events = fc
    .tuple(
      fc.record({ presence, idleCode, attributes }),
      fc.record({ attributes }),
      fc.record({ presence, endsWork: fc.boolean(), idleCode, attributes }),
      fc.record({ taskId, work: fc.constantFrom(...WORK_STATES), attributes }),
      fc.record({ taskId, presence: fc.option(presence, { nil: undefined }), attributes }),
      envelope('agent'),
    )
    .map(([loggedIn, loggedOut, presenceEvent, work, workEnded, at]) =>
      [
        { ...at, type: 'agent.loggedIn', ...loggedIn },
        { ...at, type: 'agent.loggedOut', ...loggedOut },
        { ...at, type: 'agent.presence', ...presenceEvent },
        { ...at, type: 'agent.work', ...work },
        { ...at, type: 'agent.workEnded', ...workEnded },
      ].map(withoutUndefined) as AgentEvent[],
    );
  return { context, events };
})();

export const channelArbitraries: MachineArbitraries<ChannelContext, ChannelEvent> = (() => {
  const context: fc.Arbitrary<ChannelContext> = fc
    .record({ pendingIdle: fc.boolean(), idleCodeName: fc.option(fc.constantFrom('Lunch', 'Break'), { nil: null }), since, gapRecord: gapsOf(CHANNEL_STATES) })
    .map(({ gapRecord, ...rest }) => ({ channelId: 'x', ...rest, ...gapRecord }));
  const events = fc
    .tuple(
      fc.option(fc.record({ pendingIdle: fc.boolean(), idleCodeName: fc.constantFrom('Meeting', 'Lunch') }, { requiredKeys: [] }), { nil: undefined }),
      envelope('channel'),
    )
    .map(([attributes, at]) => CHANNEL_STATES.map((state) => withoutUndefined({ ...at, type: `channel.${state}`, attributes }) as ChannelEvent));
  return { context, events };
})();

export const taskArbitraries: MachineArbitraries<TaskContext, TaskEvent> = (() => {
  const agent = fc.constantFrom(...agentIds);
  const participation = fc.constantFrom<Participation>('working', 'wrapup', 'done', 'left');
  const durations = fc.record({ queueMs: time, ringMs: time, talkMs: time, holdMs: time, suspendedMs: time, wrapupMs: time });
  const context: fc.Arbitrary<TaskContext> = fc
    .record({
      attributes: fc.record({ queueId: fc.constantFrom('q1', 'q2'), origin: fc.constant('+1555') }, { requiredKeys: [] }),
      participants: fc.dictionary(agent, participation, { maxKeys: 3 }),
      captures: fc.subarray(['c1', 'c2']),
      enteredAt: fc.dictionary(fc.constantFrom(...TASK_STATES), time, { maxKeys: 4 }),
      durations,
      since,
      lastEventAt: fc.option(time, { nil: null }),
      gapRecord: gapsOf(TASK_STATES),
    })
    .map(({ gapRecord, ...rest }) => ({ taskId: 'x', ...rest, ...gapRecord }));
  const fields = fc.record(
    {
      agentJoined: agent,
      agentLeft: agent,
      capture: fc.constantFrom('c1', 'c3'),
      unlessTransferPending: fc.constant(true as const),
      attributes: fc.record({ queueId: fc.constant('q3'), endReason: fc.constant('hangup') }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
  const events = fc
    .tuple(fields, envelope('task'))
    .map(([assertion, at]) => [...TASK_STATES.map((state) => `task.${state}` as const), 'task.updated' as const].map((type) => ({ ...at, type, ...assertion }) as TaskEvent));
  return { context, events };
})();

/** Optional fields are absent, not undefined, as the adapters make them. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
