// What the wallboard shows, computed from the state document (src/wallboard/board.js): counts,
// the task queue in order, corrections, the clock durations are measured on.
import { describe, expect, it } from 'vitest';
import { AGENT_STATES, CHANNEL_STATES, CHANNEL_TYPES } from '../../src/events/states.js';
import type { AgentView } from '../../src/views/agentView.js';
import type { TaskView } from '../../src/views/taskView.js';
import {
  agentRows,
  agentsByState,
  boardClock,
  channelsByState,
  correctionOf,
  entitiesWithGaps,
  formatDuration,
  newestEventTime,
  tasksInProgress,
} from '../../src/wallboard/board.js';

const T = Date.UTC(2026, 10, 2, 9);
const agent = (id: string, state: AgentView['state'], extra: Partial<AgentView> = {}): AgentView => ({
  id,
  state,
  channels: { telephony: 'loggedOut', chat: 'loggedOut', email: 'loggedOut', social: 'loggedOut' },
  tasks: [],
  idleCode: null,
  attributes: {},
  since: T,
  gaps: 0,
  ...extra,
});
const task = (id: string, state: TaskView['state'], enteredAt: TaskView['enteredAt'], extra: Partial<TaskView> = {}): TaskView => ({
  id,
  state,
  agents: [],
  channelType: 'telephony',
  direction: 'INBOUND',
  origin: null,
  destination: null,
  queueId: 'q1',
  outboundType: null,
  endReason: null,
  endParty: null,
  recording: null,
  captures: [],
  durations: { queueMs: 0, ringMs: 0, talkMs: 0, holdMs: 0, suspendedMs: 0, wrapupMs: 0 },
  enteredAt,
  gaps: 0,
  ...extra,
});

describe('the wallboard’s figures', () => {
  it('count agents per state and per channel, every state listed in DESIGN’s order', () => {
    const agents = [
      agent('a1', 'available', { channels: { telephony: 'available', chat: 'available', email: 'loggedOut', social: 'loggedOut' } }),
      agent('a2', 'engaged', { channels: { telephony: 'engaged', chat: 'available', email: 'loggedOut', social: 'loggedOut' } }),
      agent('a3', 'available'),
    ];
    expect(agentsByState(agents, [...AGENT_STATES])).toEqual([
      { state: 'loggedOut', count: 0 },
      { state: 'idle', count: 0 },
      { state: 'available', count: 2 },
      { state: 'reserved', count: 0 },
      { state: 'engaged', count: 1 },
      { state: 'wrapup', count: 0 },
    ]);
    const channels = channelsByState(agents, [...CHANNEL_TYPES], [...CHANNEL_STATES]);
    expect(channels.map(({ type }) => type)).toEqual(['telephony', 'chat', 'email', 'social']);
    expect(channels[0]!.counts.filter(({ count }) => count > 0)).toEqual([
      { state: 'loggedOut', count: 1 },
      { state: 'available', count: 1 },
      { state: 'engaged', count: 1 },
    ]);
    expect(channels[1]!.counts.find(({ state }) => state === 'available')?.count).toBe(2);
  });

  it('list the agents by id with the time in their state and what they work on', () => {
    const rows = agentRows([agent('b', 'engaged', { tasks: ['t1'], since: T - 5000 }), agent('a', 'idle', { idleCode: { id: 'lunch' }, since: null })], T);
    expect(rows).toEqual([
      { id: 'a', state: 'idle', inStateMs: null, tasks: [], idleCode: 'lunch' },
      { id: 'b', state: 'engaged', inStateMs: 5000, tasks: ['t1'], idleCode: null },
    ]);
  });

  it('list tasks in progress: waiting ones first, longest wait first, then the longest talk', () => {
    const now = T + 600_000;
    const rows = tasksInProgress(
      [
        task('closed', 'closed', { new: T }),
        task('ended', 'ended', { new: T }),
        task('short-wait', 'queued', { new: T + 500_000, queued: T + 510_000 }),
        task('long-wait', 'offered', { new: T + 100_000, queued: T + 120_000, offered: T + 400_000 }),
        task('talking', 'held', { queued: T, offered: T + 1000, connected: T + 60_000, held: T + 300_000 }, { durations: { queueMs: 1000, ringMs: 59_000, talkMs: 240_000, holdMs: 0, suspendedMs: 0, wrapupMs: 0 } }),
        task('wrapping', 'wrapup', { connected: T, wrapup: T + 500_000 }, { durations: { queueMs: 0, ringMs: 0, talkMs: 500_000, holdMs: 0, suspendedMs: 0, wrapupMs: 0 } }),
      ],
      now,
    );
    expect(rows.map(({ id, waiting, waitingMs, talkingMs }) => [id, waiting, waitingMs, talkingMs])).toEqual([
      ['long-wait', true, 480_000, null],
      ['short-wait', true, 90_000, null],
      ['talking', false, 60_000, 540_000],
      ['wrapping', false, 0, 500_000],
    ]);
  });

  it('name what a correction revised, each entity once with its fields', () => {
    const set = {
      revision: 7,
      patches: [
        { op: 'replace', path: ['tasks', 't1', 'origin'], value: '+1' },
        { op: 'replace', path: ['tasks', 't1', 'durations', 'queueMs'], value: 5 },
        { op: 'replace', path: ['tasks', 't1', 'origin'], value: '+2' },
        { op: 'add', path: ['agents', 'a1'], value: {} },
      ],
    };
    expect(correctionOf(set, 99)).toEqual({
      revision: 7,
      seenAt: 99,
      entities: [
        { kind: 'task', id: 't1', fields: ['origin', 'durations'] },
        { kind: 'agent', id: 'a1', fields: ['view'] },
      ],
    });
  });

  it('list the entities with gaps, most first', () => {
    const document = { revision: 1, agents: { a1: agent('a1', 'idle', { gaps: 1 }), a2: agent('a2', 'idle') }, tasks: { t1: task('t1', 'queued', {}, { gaps: 3 }) } };
    expect(entitiesWithGaps(document)).toEqual([
      { kind: 'task', id: 't1', gaps: 3 },
      { kind: 'agent', id: 'a1', gaps: 1 },
    ]);
  });

  it('measure on the wall clock for live event times, on the feed’s own clock for a feed from another day', () => {
    const document = { revision: 1, agents: { a1: agent('a1', 'idle', { since: T }) }, tasks: { t1: task('t1', 'queued', { new: T - 10, queued: T + 30_000 }) } };
    const newest = newestEventTime(document);
    expect(newest).toBe(T + 30_000);
    expect(newestEventTime({ revision: 0, agents: {}, tasks: {} })).toBeUndefined();
    expect(boardClock({ newest, newestSeenAt: 0, wallNow: T + 60_000 })).toEqual({ now: T + 60_000, feedClock: false });
    const aMonthLater = T + 30 * 86_400_000;
    expect(boardClock({ newest, newestSeenAt: aMonthLater - 5000, wallNow: aMonthLater })).toEqual({ now: T + 35_000, feedClock: true });
    expect(boardClock({ newest: undefined, newestSeenAt: 0, wallNow: aMonthLater })).toEqual({ now: aMonthLater, feedClock: false });
  });

  it('write durations as a clock reads, days beyond a day', () => {
    expect([0, 7_400, 725_000, 3_723_000, 3 * 86_400_000 + 4 * 3_600_000 + 5, -5].map(formatDuration)).toEqual(['0:00', '0:07', '12:05', '1:02:03', '3 d 4 h', '0:00']);
  });
});
