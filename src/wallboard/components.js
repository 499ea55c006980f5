// @ts-check
// The wallboard's markup: preact components written with htm (tagged templates, no build step).
// Semantic tables and lists, every state written out in words (colour only repeats it).
import { h } from 'preact';
import htm from 'htm';
import { agentRows, agentsByState, channelsByState, entitiesWithGaps, formatDuration, isoDuration, tasksInProgress } from './board.js';
import { formatPercent, queueRows } from './queues.js';

const html = htm.bind(h);

/** @typedef {import('./board.js').StateDocument} StateDocument */
/** @typedef {import('./board.js').StateNames} StateNames */
/** @typedef {import('./mirror.js').FeedStatus} FeedStatus */
/** @typedef {ReturnType<typeof import('./board.js').correctionOf>} Correction */
/** @typedef {{ entity: { kind: string, id: string }, gaps: number, late: number }} Reconcile */

/**
 * @typedef {object} BoardProps
 * @property {StateDocument | undefined} document
 * @property {FeedStatus} status
 * @property {{ now: number, feedClock: boolean }} clock
 * @property {StateNames} states
 * @property {Correction[]} corrections newest first
 * @property {Reconcile[] | undefined} reconcile
 * @property {Map<string, import('../kpi/kpiTypes.js').QueueKpis>} queues by queue id
 * @property {number} serviceLevelTarget 0..1
 */

const STATUS_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… (the stream dropped; the figures below may be out of date)',
  signedOut: 'Signed out: reload the page to sign in again',
};

/** @param {BoardProps} props */
export function Wallboard({ document, status, clock, states, corrections, reconcile, queues, serviceLevelTarget }) {
  const agents = document ? Object.values(document.agents) : [];
  const tasks = document ? Object.values(document.tasks) : [];
  return html`
    <header>
      <h1>Contact center</h1>
      <p role="status" aria-live="polite" class="feed" data-status=${status}>
        <span class="feed-state">${STATUS_TEXT[status]}</span>
        ${document ? html` · revision <span class="revision">${document.revision}</span>` : ''}
        ${clock.feedClock ? html` · times on the feed's clock (${new Date(clock.now).toISOString().slice(0, 19).replace('T', ' ')} UTC)` : ''}
      </p>
    </header>
    <main>
      <section aria-labelledby="queues-title" class="queues">
        <h2 id="queues-title">Queues</h2>
        <${QueuePanel} rows=${queueRows(queues.values(), serviceLevelTarget)} target=${serviceLevelTarget} />
      </section>
      <section aria-labelledby="counts-title" class="counts">
        <h2 id="counts-title">Agents</h2>
        <${StateCounts} caption="Agents by state" counts=${agentsByState(agents, states.agent)} />
        <${ChannelCounts} rows=${channelsByState(agents, states.channelTypes, states.channel)} states=${states.channel} />
      </section>
      <section aria-labelledby="tasks-title" class="tasks">
        <h2 id="tasks-title">Tasks in progress</h2>
        <${TaskTable} rows=${tasksInProgress(tasks, clock.now)} />
      </section>
      <section aria-labelledby="agents-title" class="agents">
        <h2 id="agents-title">Agent grid</h2>
        <${AgentGrid} rows=${agentRows(agents, clock.now)} />
      </section>
      <section aria-labelledby="corrections-title" class="corrections">
        <h2 id="corrections-title">Last corrections</h2>
        <${Corrections} corrections=${corrections} />
      </section>
      <section aria-labelledby="attention-title" class="attention">
        <h2 id="attention-title">Gaps and reconciliation</h2>
        <${Attention} gaps=${document ? entitiesWithGaps(document) : []} reconcile=${reconcile} />
      </section>
    </main>
  `;
}

/** @param {{ caption: string, counts: { state: string, count: number }[] }} props */
function StateCounts({ caption, counts }) {
  return html`
    <table class="state-counts">
      <caption>${caption}</caption>
      <thead><tr>${counts.map(({ state }) => html`<th scope="col" data-state=${state}>${state}</th>`)}</tr></thead>
      <tbody><tr>${counts.map(({ state, count }) => html`<td data-state=${state}>${count}</td>`)}</tr></tbody>
    </table>
  `;
}

/**
 * A table of one row per thing, its name as the row's header cell.
 * @typedef {{ value: unknown, state?: string }} Cell
 * @param {{ className: string, caption: string, columns: string[], rows: { key: string, mark: Record<string, string>, cells: Cell[] }[] }} props
 */
function RowTable({ className, caption, columns, rows }) {
  return html`
    <table class=${className}>
      <caption>${caption}</caption>
      <thead><tr>${columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
      <tbody>
        ${rows.map(
          ({ key, mark, cells }) => html`
            <tr key=${key} ...${mark}>
              <th scope="row">${key}</th>
              ${cells.map(({ value, state }) => html`<td data-state=${state}>${value}</td>`)}
            </tr>
          `,
        )}
      </tbody>
    </table>
  `;
}

/** @param {{ rows: ReturnType<typeof channelsByState>, states: string[] }} props */
function ChannelCounts({ rows, states }) {
  return html`<${RowTable}
    className="channel-counts"
    caption="Agents by channel and state"
    columns=${['channel', ...states]}
    rows=${rows.map(({ type, counts }) => ({ key: type, mark: {}, cells: counts.map(({ state, count }) => ({ value: count, state })) }))}
  />`;
}

/** @param {{ ms: number | null }} props */
function Duration({ ms }) {
  return ms === null ? html`<span aria-label="none">–</span>` : html`<time datetime=${isoDuration(ms)}>${formatDuration(ms)}</time>`;
}

/** @param {number | null} ms */
const duration = (ms) => html`<${Duration} ms=${ms} />`;
/** @param {string | null} text */
const orDash = (text) => (text === null || text === '' ? '–' : text);

/** @param {{ rows: ReturnType<typeof tasksInProgress> }} props */
function TaskTable({ rows }) {
  if (rows.length === 0) return html`<p>No task in progress.</p>`;
  return html`<${RowTable}
    className="task-table"
    caption="Waiting first, longest wait first; then the rest, longest talk first"
    columns=${['task', 'state', 'channel', 'queue', 'agents', 'waiting', 'talking']}
    rows=${rows.map((row) => ({
      key: row.id,
      mark: { 'data-task': row.id },
      cells: [
        { value: row.state, state: row.state },
        { value: orDash(row.channelType) },
        { value: orDash(row.queueId) },
        { value: orDash(row.agents.join(', ')) },
        { value: duration(row.waitingMs) },
        { value: duration(row.talkingMs) },
      ],
    }))}
  />`;
}

/** @param {{ rows: ReturnType<typeof queueRows>, target: number }} props */
function QueuePanel({ rows, target }) {
  if (rows.length === 0) return html`<p>No queue heard of yet.</p>`;
  const level = (/** @type {(typeof rows)[number]} */ row) =>
    row.serviceLevel === null ? '–' : `${formatPercent(row.serviceLevel)} (${row.meetsTarget ? 'meets target' : 'below target'})`;
  return html`<${RowTable}
    className="queue-panel"
    caption=${`Today's service level against its target of ${formatPercent(target)}; waiting and longest wait now; abandoned today`}
    columns=${['queue', 'service level', 'waiting', 'longest wait', 'abandoned']}
    rows=${rows.map((row) => ({
      key: row.id,
      mark: { 'data-queue': row.id, 'data-meets-target': row.meetsTarget === null ? undefined : String(row.meetsTarget) },
      cells: [{ value: level(row) }, { value: row.waiting }, { value: duration(row.longestWaitMs) }, { value: row.abandoned }],
    }))}
  />`;
}

/** @param {{ rows: ReturnType<typeof agentRows> }} props */
function AgentGrid({ rows }) {
  if (rows.length === 0) return html`<p>No agent heard of yet.</p>`;
  return html`<${RowTable}
    className="agent-grid"
    caption="Every agent, its state and for how long"
    columns=${['agent', 'state', 'in state', 'task', 'idle reason']}
    rows=${rows.map((row) => ({
      key: row.id,
      mark: { 'data-agent': row.id },
      cells: [{ value: row.state, state: row.state }, { value: duration(row.inStateMs) }, { value: orDash(row.tasks.join(', ')) }, { value: orDash(row.idleCode) }],
    }))}
  />`;
}

/** @param {{ corrections: Correction[] }} props */
function Corrections({ corrections }) {
  if (corrections.length === 0) return html`<p>No correction since this page opened.</p>`;
  return html`
    <ol class="correction-list" reversed>
      ${corrections.map(
        (correction) => html`
          <li key=${correction.revision}>
            <span>revision ${correction.revision}, seen at ${new Date(correction.seenAt).toLocaleTimeString(undefined, { hour12: false })}: </span>
            ${correction.entities.map(
              (entity, index) => html`${index > 0 ? '; ' : ''}<span class="corrected">${entity.kind} ${entity.id}</span> (${entity.fields.join(', ')})`,
            )}
          </li>
        `,
      )}
    </ol>
  `;
}

/** @param {{ gaps: ReturnType<typeof entitiesWithGaps>, reconcile: Reconcile[] | undefined }} props */
function Attention({ gaps, reconcile }) {
  const late = (reconcile ?? []).filter((entry) => entry.late > 0);
  return html`
    <h3>With gaps (states skipped: deliveries lost)</h3>
    ${gaps.length === 0
      ? html`<p>None.</p>`
      : html`<ul class="gap-list">${gaps.slice(0, 50).map((entry) => html`<li key=${`${entry.kind}:${entry.id}`}>${entry.kind} ${entry.id}: ${entry.gaps} ${entry.gaps === 1 ? 'gap' : 'gaps'}</li>`)}</ul>`}
    <h3>Needing reconciliation (events too late to place)</h3>
    ${reconcile === undefined
      ? html`<p>Not known yet.</p>`
      : late.length === 0
        ? html`<p>None.</p>`
        : html`<ul class="reconcile-list">${late.map((entry) => html`<li key=${`${entry.entity.kind}:${entry.entity.id}`}>${entry.entity.kind} ${entry.entity.id}: ${entry.late} late</li>`)}</ul>`}
  `;
}
