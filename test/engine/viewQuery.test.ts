// Paged queries over the views in memory: by state, by last event time, a page at a time.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine } from '../../src/index.js';

const T = Date.UTC(2026, 2, 4, 9);
const MINUTE = 60_000;
const at = (minutes: number) => T + minutes * MINUTE;
const deliver = (engine: Engine, body: webhook.WebexBody) => engine.ingest({ source: 'webex', body: JSON.stringify(body) });

/** Tasks t0..t9, one a minute; the even ones ended a minute later; agents a1 (at 0, its chat at 15) and a2 (at 20). */
function givenTenTasks(): Engine {
  const engine = createEngine();
  deliver(engine, webhook.agentLogin('a1', at(0), 'a1', 'team', true));
  for (let n = 0; n < 10; n++) {
    deliver(engine, webhook.taskEvent(`n${n}`, at(n), 'task:new', `t${n}`));
    if (n % 2 === 0) deliver(engine, webhook.taskEvent(`e${n}`, at(n + 1), 'task:ended', `t${n}`));
  }
  deliver(engine, webhook.channelStateChange('c1', at(15), 'a1', 'chat', 'Available'));
  deliver(engine, webhook.agentLogin('a2', at(20), 'a2', 'team', true));
  return engine;
}

const ids = (views: { id: string }[]) => views.map((view) => view.id);

describe('engine.tasks(query) and engine.agents(query)', () => {
  it('filters by state and by the time of the last event', () => {
    const engine = givenTenTasks();
    expect(ids(engine.tasks({ state: 'ended' }))).toEqual(['t0', 't2', 't4', 't6', 't8']);
    expect(ids(engine.tasks({ state: ['new', 'queued'] }))).toEqual(['t1', 't3', 't5', 't7', 't9']);
    // t6 ended at 7, t7 was new at 7: both have an event at or after minute 7.
    expect(ids(engine.tasks({ since: at(7) }))).toEqual(['t6', 't7', 't8', 't9']);
    expect(ids(engine.tasks({ since: at(7), state: 'new' }))).toEqual(['t7', 't9']);
    // An agent's last event is its own or any of its channels'.
    expect(ids(engine.agents({ since: at(10) }))).toEqual(['a1', 'a2']);
    expect(ids(engine.agents({ since: at(16) }))).toEqual(['a2']);
    expect(engine.tasks({})).toEqual(engine.tasks());
  });

  it('pages in id order: each page after the last id of the one before, until a short page', () => {
    const engine = givenTenTasks();
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = engine.tasks({ limit: 4, ...(after !== undefined ? { after } : {}) });
      pages.push(ids(page));
      if (page.length < 4) break;
      after = page.at(-1)!.id;
    }
    expect(pages).toEqual([['t0', 't1', 't2', 't3'], ['t4', 't5', 't6', 't7'], ['t8', 't9']]);
    expect(ids(engine.tasks({ state: 'ended', limit: 2, after: 't2' }))).toEqual(['t4', 't6']);
  });

  it('refuses a limit that is no positive whole number and a since that is no time', () => {
    const engine = givenTenTasks();
    expect(() => engine.tasks({ limit: 0 })).toThrow(RangeError);
    expect(() => engine.tasks({ limit: 2.5 })).toThrow(/limit must be a positive whole number/);
    expect(() => engine.agents({ since: Number.NaN })).toThrow(/since must be an event time/);
  });
});
