// @ts-check
// The page's copy of the state document, kept by the patch feed (GET /changes?format=patch): the
// whole document first, then immer's patches applied in order. EventSource reconnects by itself
// after a network error and sends the last id back as Last-Event-ID, so the feed resumes where it
// stopped. Queue KPIs come on the same feed (`&queues=1`) as `event: queue`, outside the document.
// An answer that is not a stream (the receiver restarting behind a proxy, a 401) ends
// EventSource for good: the page then opens a new one, with `?since=` the last id it has.
import { applyPatches, enablePatches } from 'immer';

enablePatches();

/** @typedef {import('./board.js').StateDocument} StateDocument */
/** @typedef {import('./board.js').Patch} Patch */
/** @typedef {'connecting' | 'live' | 'reconnecting' | 'signedOut'} FeedStatus */

/**
 * @typedef {object} MirrorEvents
 * @property {(document: StateDocument) => void} onDocument every new revision of the copy
 * @property {(status: FeedStatus) => void} onStatus
 * @property {(set: { revision: number, patches: Patch[] }) => void} onCorrection a patch set marked corrected
 * @property {(change: QueueChange) => void} onQueue a queue's KPIs (every queue's after each document, then each change)
 */

/** @typedef {{ kind: 'queue', id: string, view: import('../kpi/kpiTypes.js').QueueKpis, corrected: boolean }} QueueChange */

const REOPEN_MS = 2000;

/**
 * @param {string} base where the receiver's routes are (its prefix)
 * @param {MirrorEvents} events
 */
export function mirrorState(base, events) {
  /** @type {StateDocument | undefined} */
  let document;
  /** @type {string | undefined} */
  let lastId;
  /** @type {EventSource | undefined} */
  let source;

  function open() {
    const since = lastId === undefined ? '' : `&since=${encodeURIComponent(lastId)}`;
    const feed = new EventSource(`${base}/changes?format=patch&queues=1${since}`);
    source = feed;
    feed.addEventListener('open', () => events.onStatus('live'));
    feed.addEventListener('document', (message) => {
      document = JSON.parse(message.data);
      lastId = message.lastEventId;
      events.onDocument(/** @type {StateDocument} */ (document));
    });
    feed.addEventListener('patch', (message) => {
      /** @type {{ revision: number, patches: Patch[], corrected: boolean }} */
      const set = JSON.parse(message.data);
      if (document === undefined || set.revision !== document.revision + 1) {
        // Out of step (never expected): start again from a whole document.
        lastId = undefined;
        feed.close();
        open();
        return;
      }
      document = { ...applyPatches(document, /** @type {never} */ (set.patches)), revision: set.revision };
      lastId = message.lastEventId;
      if (set.corrected) events.onCorrection(set);
      events.onDocument(document);
    });
    feed.addEventListener('queue', (message) => events.onQueue(JSON.parse(message.data)));
    feed.addEventListener('error', () => {
      events.onStatus('reconnecting');
      if (feed.readyState === EventSource.CLOSED) setTimeout(() => void reopen(feed), REOPEN_MS);
    });
  }

  /** @param {EventSource} closed */
  async function reopen(closed) {
    if (source !== closed) return;
    const answer = await fetch(`${base}/state`, { method: 'HEAD', credentials: 'same-origin' }).catch(() => undefined);
    if (answer?.status === 401) {
      events.onStatus('signedOut');
      return;
    }
    open();
  }

  events.onStatus('connecting');
  open();
}
