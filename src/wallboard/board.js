// @ts-check
// What the wallboard shows, computed from the mirrored state document: pure functions of the
// document and the time, so that the page only renders them (and tests need no browser).

/** @typedef {import('../views/agentView.js').AgentView} AgentView */
/** @typedef {import('../views/taskView.js').TaskView} TaskView */
/** @typedef {{ revision: number, agents: Record<string, AgentView>, tasks: Record<string, TaskView> }} StateDocument */
/** @typedef {{ agent: string[], channel: string[], channelTypes: string[], task: string[] }} StateNames */
/** @typedef {{ op: string, path: (string | number)[], value?: unknown }} Patch */

/** Tasks waiting for an agent, and tasks an agent is talking on (hold and consult included). */
const WAITING = new Set(['new', 'queued', 'offered']);
const TALKING = new Set(['connected', 'held', 'consulting', 'conferencing', 'suspended']);
const DONE = new Set(['ended', 'closed']);

/**
 * How many agents are in each state, every state listed (0 included) in the order given.
 * @param {AgentView[]} agents
 * @param {string[]} states
 * @returns {{ state: string, count: number }[]}
 */
export function agentsByState(agents, states) {
  return states.map((state) => ({ state, count: agents.filter((agent) => agent.state === state).length }));
}

/**
 * Per channel type, how many agents have that channel in each state.
 * @param {AgentView[]} agents
 * @param {string[]} types
 * @param {string[]} states
 * @returns {{ type: string, counts: { state: string, count: number }[] }[]}
 */
export function channelsByState(agents, types, states) {
  return types.map((type) => ({
    type,
    counts: states.map((state) => ({ state, count: agents.filter((agent) => agent.channels[/** @type {keyof AgentView['channels']} */ (type)] === state).length })),
  }));
}

/**
 * The agent grid: each agent, its state and for how long, what it works on.
 * @param {AgentView[]} agents
 * @param {number} now
 */
export function agentRows(agents, now) {
  return [...agents]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((agent) => ({
      id: agent.id,
      state: agent.state,
      inStateMs: agent.since === null ? null : Math.max(0, now - agent.since),
      tasks: agent.tasks,
      idleCode: agent.idleCode?.name ?? agent.idleCode?.id ?? null,
    }));
}

/**
 * Tasks not yet ended: waiting ones first, longest wait first, then the others, longest talk first.
 * Waiting runs from when the task was first queued (or created, or offered); talking from when it
 * was first connected (holds and consults included).
 * @param {TaskView[]} tasks
 * @param {number} now
 */
export function tasksInProgress(tasks, now) {
  const rows = tasks
    .filter((task) => !DONE.has(task.state))
    .map((task) => {
      const waiting = WAITING.has(task.state);
      const waitingSince = task.enteredAt.queued ?? task.enteredAt.new ?? task.enteredAt.offered;
      const talkingSince = task.enteredAt.connected ?? task.enteredAt[task.state];
      return {
        id: task.id,
        state: task.state,
        channelType: task.channelType,
        queueId: task.queueId,
        agents: task.agents,
        waiting,
        waitingMs: waiting ? since(now, waitingSince) : task.durations.queueMs + task.durations.ringMs,
        talkingMs: TALKING.has(task.state) ? since(now, talkingSince) : task.state === 'wrapup' ? task.durations.talkMs : null,
      };
    });
  return rows.sort((a, b) => Number(b.waiting) - Number(a.waiting) || (a.waiting ? (b.waitingMs ?? 0) - (a.waitingMs ?? 0) : (b.talkingMs ?? 0) - (a.talkingMs ?? 0)));
}

/** @param {number} now @param {number | undefined} start */
const since = (now, start) => (start === undefined ? null : Math.max(0, now - start));

/**
 * Agents and tasks whose fold skipped states (gaps), most gaps first.
 * @param {StateDocument} document
 */
export function entitiesWithGaps(document) {
  /** @type {{ kind: string, id: string, gaps: number }[]} */
  const found = [];
  for (const agent of Object.values(document.agents)) if (agent.gaps > 0) found.push({ kind: 'agent', id: agent.id, gaps: agent.gaps });
  for (const task of Object.values(document.tasks)) if (task.gaps > 0) found.push({ kind: 'task', id: task.id, gaps: task.gaps });
  return found.sort((a, b) => b.gaps - a.gaps || (a.id < b.id ? -1 : 1));
}

/**
 * What a corrected patch set revised: each entity once, with the fields it changed.
 * @param {{ revision: number, patches: Patch[] }} set
 * @param {number} seenAt wall-clock time it arrived
 */
export function correctionOf(set, seenAt) {
  /** @type {Map<string, { kind: string, id: string, fields: string[] }>} */
  const entities = new Map();
  for (const { path } of set.patches) {
    const [section, id, field] = path;
    const key = `${section}/${id}`;
    const entry = entities.get(key) ?? { kind: section === 'agents' ? 'agent' : 'task', id: String(id), fields: [] };
    const name = field === undefined ? 'view' : String(field);
    if (!entry.fields.includes(name)) entry.fields.push(name);
    entities.set(key, entry);
  }
  return { revision: set.revision, seenAt, entities: [...entities.values()] };
}

/**
 * The newest event time in the document: agents' last changes and tasks' state entries.
 * @param {StateDocument} document
 */
export function newestEventTime(document) {
  let newest = -Infinity;
  for (const agent of Object.values(document.agents)) if (agent.since !== null && agent.since > newest) newest = agent.since;
  for (const task of Object.values(document.tasks)) for (const time of Object.values(task.enteredAt)) if (time !== undefined && time > newest) newest = time;
  return Number.isFinite(newest) ? newest : undefined;
}

/** Farther than this from the wall clock, the document's times are not live ones (a replayed or sample feed). */
const LIVE_WITHIN_MS = 60 * 60_000;

/**
 * The time durations are measured to. Live webhooks carry event times close to the wall clock:
 * then the wall clock. A feed from another day (a replay, the demo's samples) would show hours or
 * days everywhere: then the feed's own clock, its newest event time moved on by the wall clock
 * since that event was seen.
 * @param {{ newest: number | undefined, newestSeenAt: number, wallNow: number }} clock
 * @returns {{ now: number, feedClock: boolean }}
 */
export function boardClock({ newest, newestSeenAt, wallNow }) {
  if (newest === undefined || Math.abs(wallNow - newest) <= LIVE_WITHIN_MS) return { now: wallNow, feedClock: false };
  return { now: newest + Math.max(0, wallNow - newestSeenAt), feedClock: true };
}

/**
 * `0:07`, `12:05`, `1:02:03`, `3 d 4 h`.
 * @param {number} ms
 */
export function formatDuration(ms) {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  if (days > 0) return `${days} d ${Math.floor((seconds % 86_400) / 3600)} h`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * ISO 8601 duration for a `<time datetime>`.
 * @param {number} ms
 */
export const isoDuration = (ms) => `PT${Math.floor(Math.max(0, ms) / 1000)}S`;
