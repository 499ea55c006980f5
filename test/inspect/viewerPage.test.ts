// The inspector page's script, run against a stand-in browser (no browser in this project's
// tests): it puts each machine definition back into the actor messages before Stately's viewer
// sees them, waits for that viewer to say it is ready, counts what the server dropped, and at
// `?local` keeps a table of every entity's state.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { STATELY_VIEWER, viewerPage } from '../../src/inspect/viewerPage.js';

interface Element {
  tag: string;
  textContent: string;
  href?: string;
  src?: string;
  innerHTML?: string;
  rows: Element[];
  cells: Element[];
  contentWindow?: { postMessage: (data: unknown, origin: string) => void };
  insertRow(): Element;
  insertCell(): Element;
  querySelector(selector: string): Element;
}

function element(tag: string): Element {
  const made: Element = {
    tag,
    textContent: '',
    rows: [],
    cells: [],
    insertRow: () => {
      const row = element('tr');
      made.rows.push(row);
      return row;
    },
    insertCell: () => {
      const cell = element('td');
      made.cells.push(cell);
      return cell;
    },
    querySelector: () => tbody,
  };
  const tbody = tag === 'main' ? element('tbody') : (undefined as unknown as Element);
  return made;
}

/** Runs the page's script at `search`; returns what it shows, posts and listens to. */
function openPage(search: string) {
  const script = /<script type="module">([\s\S]*)<\/script>/.exec(viewerPage())![1]!;
  const byId: Record<string, Element> = { status: element('span'), mode: element('a') };
  const appended: Element[] = [];
  const posted: { data: Record<string, unknown>; origin: string }[] = [];
  const listeners: ((event: { source: unknown; origin: string; data: unknown }) => void)[] = [];
  const sockets: { onmessage?: (message: { data: string }) => void; url: string }[] = [];
  runInNewContext(script, {
    location: { search, host: '127.0.0.1:8080' },
    URLSearchParams,
    JSON,
    Map,
    Set,
    document: {
      getElementById: (id: string) => byId[id],
      createElement: (tag: string) => {
        const made = element(tag);
        if (tag === 'iframe') made.contentWindow = { postMessage: (data, origin) => posted.push({ data: data as Record<string, unknown>, origin }) };
        return made;
      },
      body: { append: (child: Element) => appended.push(child) },
    },
    window: { addEventListener: (_type: string, listener: (typeof listeners)[number]) => listeners.push(listener) },
    WebSocket: class {
      onmessage?: (message: { data: string }) => void;
      constructor(readonly url: string) {
        sockets.push(this);
      }
    },
  });
  const receive = (message: object) => sockets[0]!.onmessage!({ data: JSON.stringify(message) });
  return { byId, appended, posted, listeners, sockets, receive };
}

const definition = { type: 'contactstate.definition', name: 'task', definition: '{"id":"task"}' };
const actor = { type: '@xstate.actor', sessionId: 'x:1', name: 'task:t1', definitionOf: 'task', _version: '0.7.2' };
const snapshot = { type: '@xstate.snapshot', sessionId: 'x:1', event: { type: 'task.queued' }, snapshot: { value: 'queued' }, _version: '0.7.2' };

describe('the inspector page', () => {
  it("hands Stately's viewer each actor with its definition put back, once the viewer says it is ready", () => {
    const page = openPage('');
    expect(page.sockets[0]!.url).toBe('ws://127.0.0.1:8080/');
    const frame = page.appended.find((child) => child.tag === 'iframe')!;
    expect(frame.src).toBe(STATELY_VIEWER);
    page.receive(definition);
    page.receive(actor);
    expect(page.posted).toEqual([]);
    // Another window saying it is ready changes nothing; the frame's own message does.
    for (const listener of page.listeners) listener({ source: {}, origin: 'https://elsewhere.example', data: { type: '@statelyai.connected' } });
    expect(page.posted).toEqual([]);
    for (const listener of page.listeners) listener({ source: frame.contentWindow, origin: 'https://stately.ai', data: { type: '@statelyai.connected' } });
    page.receive(snapshot);
    expect(page.posted).toEqual([
      { data: { type: '@xstate.actor', sessionId: 'x:1', name: 'task:t1', definition: '{"id":"task"}', _version: '0.7.2' }, origin: 'https://stately.ai' },
      { data: snapshot, origin: 'https://stately.ai' },
    ]);
    expect(page.byId.status!.textContent).toBe('live · 1 actors · 2 messages');
    page.receive({ type: 'contactstate.dropped', count: 7 });
    expect(page.byId.status!.textContent).toContain('7 dropped while this page was behind');
  });

  it('at ?local, keeps a table of every entity with its state and last event, and loads nothing from the internet', () => {
    const page = openPage('?local');
    expect(page.appended.map((child) => child.tag)).toEqual(['main']);
    page.receive(definition);
    page.receive(actor);
    page.receive(snapshot);
    page.receive({ ...snapshot, event: { type: 'task.offered' }, snapshot: { value: 'offered' } });
    const rows = page.appended[0]!.querySelector('tbody').rows;
    expect(rows.map((row) => row.cells.map((cell) => cell.textContent))).toEqual([['task:t1', '"offered"', 'task.offered']]);
    expect(page.byId.mode!.href).toBe('/');
  });
});
