// @ts-check
// The wallboard page: mirrors the state document through the patch feed and renders it, at most
// a few times a second while changes pour in, and every second for the times that tick.
import { h, render } from 'preact';
import { boardClock, correctionOf, newestEventTime } from './board.js';
import { Wallboard } from './components.js';
import { mirrorState } from './mirror.js';

/** @typedef {import('./board.js').StateDocument} StateDocument */
/** @typedef {import('./components.js').BoardProps} BoardProps */

const config = /** @type {{ base: string, states: import('./board.js').StateNames, serviceLevelTarget: number }} */ (
  JSON.parse(/** @type {HTMLElement} */ (document.getElementById('wallboard-config')).textContent ?? '{}')
);
const root = /** @type {HTMLElement} */ (document.getElementById('wallboard'));
const KEPT_CORRECTIONS = 10;
const RECONCILE_EVERY_MS = 10_000;

/** @type {Omit<BoardProps, 'clock'> & { newest: number | undefined, newestSeenAt: number }} */
const board = {
  document: undefined,
  status: 'connecting',
  states: config.states,
  corrections: [],
  reconcile: undefined,
  queues: new Map(),
  serviceLevelTarget: config.serviceLevelTarget,
  newest: undefined,
  newestSeenAt: Date.now(),
};

let scheduled = false;
function show() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    const clock = boardClock({ newest: board.newest, newestSeenAt: board.newestSeenAt, wallNow: Date.now() });
    render(h(Wallboard, { ...board, clock }), root);
  }, 200);
}

mirrorState(config.base, {
  onDocument(next) {
    board.document = next;
    const newest = newestEventTime(next);
    if (newest !== undefined && newest !== board.newest) {
      board.newest = newest;
      board.newestSeenAt = Date.now();
    }
    show();
  },
  onStatus(status) {
    board.status = status;
    if (status === 'live') void fetchReconcile();
    show();
  },
  onQueue(change) {
    board.queues.set(change.id, change.view);
    show();
  },
  onCorrection(set) {
    board.corrections = [correctionOf(set, Date.now()), ...board.corrections].slice(0, KEPT_CORRECTIONS);
  },
});

/** The entities with events too late to place come from GET /reconcile, which the document does not hold. */
async function fetchReconcile() {
  const answer = await fetch(`${config.base}/reconcile`, { credentials: 'same-origin' }).catch(() => undefined);
  if (!answer?.ok) return;
  board.reconcile = await answer.json();
  show();
}

setInterval(show, 1000);
setInterval(() => void fetchReconcile(), RECONCILE_EVERY_MS);
