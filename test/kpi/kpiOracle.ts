// The independent oracle of the KPI properties: queue KPIs and agent timelines computed from the
// facts a feed's generator meant (kpiFeeds.ts), by docs/kpis.md's definitions read directly — no
// engine, view, machine or ledger. Per entity, facts fold in time order (a task's same-instant
// facts in lifecycle order); the same delivery twice is one.
import type { AgentState, TaskState } from '../../src/events/states.js';
import type { QueueIntervalKpis } from '../../src/index.js';
import type { KpiDelivery, KpiFact } from './kpiFeeds.js';

export interface OracleRules {
  thresholdMs: number;
  shortAbandonMs: number;
  formula: 'enteredLessShortAbandons' | 'entered' | 'answeredOrAbandoned' | 'answered';
}

/** An interval's KPIs, as `engine.queue` answers them (less its end). */
export type OracleInterval = Omit<QueueIntervalKpis, 'to'>;

export interface OracleQueue {
  channelType: string;
  live: { waiting: number; longestWaitMs: number | null; offered: number; inProgress: number };
  /** The 15-minute buckets any task entered in, in time order. */
  intervals: OracleInterval[];
}

export interface OraclePoint {
  from: number;
  state: AgentState;
  idleCode: string | null;
  tasks: string[];
}

type Timed<F> = { fact: F; time: number };
type TaskFact = Extract<KpiFact, { about: 'task' }>;
type AgentFact = Extract<KpiFact, { about: 'agent' }>;

const QUARTER = 15 * 60_000;
const LIFECYCLE: TaskState[] = ['new', 'queued', 'offered', 'held', 'connected', 'consulting', 'conferencing', 'suspended', 'ended', 'wrapup', 'closed'];
const HANDLING: TaskState[] = ['connected', 'held', 'consulting', 'conferencing', 'wrapup'];
const IN_PROGRESS: TaskState[] = ['connected', 'held', 'consulting', 'conferencing', 'suspended'];

/** Each entity's facts in time order, the same delivery (its bytes) counted once. */
function factsByEntity(deliveries: readonly KpiDelivery[]): { tasks: Map<string, Timed<TaskFact>[]>; agents: Map<string, Timed<AgentFact>[]> } {
  const tasks = new Map<string, Timed<TaskFact>[]>();
  const agents = new Map<string, Timed<AgentFact>[]>();
  const seen = new Set<string>();
  for (const { line, time, facts } of deliveries) {
    if (seen.has(line)) continue;
    seen.add(line);
    for (const fact of facts) {
      if (fact.about === 'task') tasks.set(fact.task, [...(tasks.get(fact.task) ?? []), { fact, time }]);
      else agents.set(fact.agent, [...(agents.get(fact.agent) ?? []), { fact, time }]);
    }
  }
  for (const facts of tasks.values()) facts.sort((a, b) => a.time - b.time || LIFECYCLE.indexOf(a.fact.state) - LIFECYCLE.indexOf(b.fact.state));
  for (const facts of agents.values()) facts.sort((a, b) => a.time - b.time);
  return { tasks, agents };
}

export function expectedQueues(deliveries: readonly KpiDelivery[], rules: OracleRules, now: number): OracleQueue[] {
  const byChannel = new Map<string, { live: OracleQueue['live']; buckets: Map<number, { tasks: TaskOutcome[] }> }>();
  for (const facts of factsByEntity(deliveries).tasks.values()) {
    const queue = facts.find(({ fact }) => fact.queue)?.fact.queue;
    if (!queue) continue;
    const channel = byChannel.get(queue.channelType) ?? { live: { waiting: 0, longestWaitMs: null, offered: 0, inProgress: 0 }, buckets: new Map() };
    byChannel.set(queue.channelType, channel);
    const final = facts.at(-1)!;
    if (final.fact.state === 'queued') {
      channel.live.waiting++;
      const since = facts.findLast(({ fact }) => fact.state !== 'queued');
      const waitingSince = facts[since ? facts.indexOf(since) + 1 : 0]!.time;
      channel.live.longestWaitMs = Math.max(channel.live.longestWaitMs ?? 0, now - waitingSince);
    }
    if (final.fact.state === 'offered') channel.live.offered++;
    if (IN_PROGRESS.includes(final.fact.state)) channel.live.inProgress++;
    const outcome = outcomeOf(facts, rules);
    if (!outcome) continue;
    const bucket = Math.floor(outcome.entry / QUARTER) * QUARTER;
    const held = channel.buckets.get(bucket) ?? { tasks: [] };
    held.tasks.push(outcome);
    channel.buckets.set(bucket, held);
  }
  // A queue is known by the tasks that count in it, or are in it now.
  const known = ({ live, buckets }: { live: OracleQueue['live']; buckets: Map<number, unknown> }) => buckets.size > 0 || live.waiting + live.offered + live.inProgress > 0;
  return [...byChannel]
    .filter(([, channel]) => known(channel))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channelType, { live, buckets }]) => ({
      channelType,
      live,
      intervals: [...buckets].sort(([a], [b]) => a - b).map(([from, { tasks }]) => intervalOf(from, tasks, rules)),
    }));
}

interface TaskOutcome {
  entry: number;
  answered: boolean;
  withinThreshold: boolean;
  abandoned: boolean;
  shortAbandoned: boolean;
  speedMs: number;
  handleMs: number | null;
  waitMs: number | null;
}

function outcomeOf(facts: Timed<TaskFact>[], rules: OracleRules): TaskOutcome | undefined {
  const first = (states: TaskState[]) => facts.find(({ fact }) => states.includes(fact.state))?.time;
  const entry = first(['queued', 'offered']);
  if (entry === undefined) return undefined;
  const connected = first(['connected']);
  const finished = ['ended', 'wrapup', 'closed'].includes(facts.at(-1)!.fact.state);
  const answered = connected !== undefined && connected >= entry;
  const abandoned = finished && connected === undefined;
  const abandonWait = abandoned ? (first(['ended', 'closed']) ?? entry) - entry : 0;
  let handled = 0;
  facts.forEach(({ fact, time }, index) => {
    const next = facts[index + 1];
    if (next && HANDLING.includes(fact.state)) handled += next.time - time;
  });
  const speedMs = answered ? connected - entry : 0;
  return {
    entry,
    answered,
    withinThreshold: answered && speedMs <= rules.thresholdMs,
    abandoned,
    shortAbandoned: abandoned && abandonWait < rules.shortAbandonMs,
    speedMs,
    handleMs: answered && finished ? handled : null,
    waitMs: answered ? speedMs : abandoned ? abandonWait : null,
  };
}

function intervalOf(from: number, tasks: TaskOutcome[], rules: OracleRules): OracleInterval {
  const count = (test: (task: TaskOutcome) => boolean) => tasks.filter(test).length;
  const entered = tasks.length;
  const answered = count((task) => task.answered);
  const within = count((task) => task.withinThreshold);
  const abandoned = count((task) => task.abandoned);
  const short = count((task) => task.shortAbandoned);
  const denominator = { enteredLessShortAbandons: entered - short, entered, answeredOrAbandoned: answered + abandoned - short, answered }[rules.formula];
  const handled = tasks.flatMap((task) => (task.handleMs === null ? [] : [task.handleMs]));
  const waits = tasks.flatMap((task) => (task.waitMs === null ? [] : [task.waitMs]));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    from,
    entered,
    answered,
    answeredWithinThreshold: within,
    abandoned,
    shortAbandoned: short,
    serviceLevel: denominator > 0 ? within / denominator : null,
    averageSpeedOfAnswerMs: answered > 0 ? sum(tasks.map((task) => task.speedMs)) / answered : null,
    averageHandleTimeMs: handled.length > 0 ? sum(handled) / handled.length : null,
    longestWaitMs: waits.length > 0 ? Math.max(...waits) : null,
  };
}

/** Each agent's points: where its state, idle code or tasks changed (DESIGN §3's agent, read directly). */
export function expectedTimelines(deliveries: readonly KpiDelivery[]): Map<string, OraclePoint[]> {
  const timelines = new Map<string, OraclePoint[]>();
  for (const [agent, facts] of factsByEntity(deliveries).agents) {
    let presence: 'loggedOut' | 'idle' | 'available' = 'loggedOut';
    let idleCode: string | null = null;
    let work: Record<string, 'reserved' | 'engaged' | 'wrapup'> = {};
    const points: OraclePoint[] = [];
    for (const { fact, time } of facts) {
      switch (fact.does) {
        case 'login':
          presence = 'available';
          work = {};
          break;
        case 'logout':
          presence = 'loggedOut';
          work = {};
          break;
        case 'presence':
          presence = fact.presence;
          work = {};
          break;
        case 'work':
          if (presence === 'loggedOut') presence = 'idle';
          work = { ...work, [fact.task]: fact.work };
          break;
        case 'workDone': {
          const { [fact.task]: _done, ...rest } = work;
          work = rest;
          presence = 'available';
          break;
        }
      }
      idleCode = fact.does === 'presence' && fact.idleCode ? fact.idleCode : presence === 'idle' ? idleCode : null;
      const works = Object.values(work);
      const state: AgentState =
        presence === 'loggedOut' ? 'loggedOut' : works.includes('engaged') ? 'engaged' : works.includes('reserved') ? 'reserved' : works.includes('wrapup') ? 'wrapup' : presence;
      const point = { from: time, state, idleCode, tasks: Object.keys(work).sort() };
      const last = points.at(-1);
      if (!last || last.state !== point.state || last.idleCode !== point.idleCode || last.tasks.join() !== point.tasks.join()) points.push(point);
    }
    timelines.set(agent, points);
  }
  return timelines;
}
