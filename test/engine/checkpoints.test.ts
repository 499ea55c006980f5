// Checkpoints proportional to change: a checkpoint holds the ledgers whose content moved since the
// last one the store confirmed, and the store's rows restore the same engine.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine, type Engine } from '../../src/index.js';
import { webexSample } from '../store/feeds.js';
import { type StorePort, storePortOf } from '../../src/engine/storePort.js';

const T = Date.UTC(2026, 10, 2, 9);
const deliver = (engine: Engine, body: webhook.WebexBody) => engine.ingest({ source: 'webex', body: JSON.stringify(body) });
const idsOf = (checkpoint: ReturnType<StorePort['checkpoint']>) => checkpoint.ledgers.map((ledger) => `${ledger.entity.kind}:${ledger.entity.id}`).sort();

describe('engine checkpoints', () => {
  it('takes every ledger first, then only those that changed since the last one written', () => {
    const engine = createEngine({ checkpoints: { restored: false } });
    deliver(engine, webhook.taskEvent('n1', T, 'task:new', 't1'));
    deliver(engine, webhook.taskEvent('n2', T + 1, 'task:new', 't2'));
    const first = storePortOf(engine).checkpoint();
    expect(first.full).toBe(true);
    expect(idsOf(first)).toEqual(['task:t1', 'task:t2']);
    storePortOf(engine).checkpointWritten(first);

    expect(idsOf(storePortOf(engine).checkpoint())).toEqual([]);
    deliver(engine, webhook.taskEvent('q2', T + 2, 'task:parked', 't2'));
    deliver(engine, webhook.taskEvent('q2', T + 2, 'task:parked', 't2')); // a duplicate changes nothing more
    const second = storePortOf(engine).checkpoint();
    expect(second.full).toBe(false);
    expect(idsOf(second)).toEqual(['task:t2']);
    // Not confirmed (its commit failed): taken again, with what changed since.
    deliver(engine, webhook.taskEvent('q1', T + 3, 'task:parked', 't1'));
    const third = storePortOf(engine).checkpoint();
    expect(idsOf(third)).toEqual(['task:t1', 'task:t2']);
    storePortOf(engine).checkpointWritten(third);
    expect(idsOf(storePortOf(engine).checkpoint())).toEqual([]);
  });

  it('counts a duplicate or a conflict as no change, compaction and dedupe expiry as one', () => {
    const engine = createEngine({ checkpoints: { restored: false }, horizonMs: 60_000, dedupeWindowMs: 120_000 });
    deliver(engine, webhook.taskEvent('n1', T, 'task:new', 't1'));
    deliver(engine, webhook.taskEvent('n2', T, 'task:new', 't2'));
    storePortOf(engine).checkpointWritten(storePortOf(engine).checkpoint());
    deliver(engine, webhook.taskEvent('n1', T, 'task:new', 't1'));
    deliver(engine, webhook.taskEvent('n1', T, 'task:ended', 't1'));
    expect(idsOf(storePortOf(engine).checkpoint())).toEqual([]);
    // Another task moves the source's clock past the horizon: the sweep compacts t1 and t2.
    deliver(engine, webhook.taskEvent('n3', T + 100_000, 'task:new', 't3'));
    deliver(engine, webhook.taskEvent('q3', T + 100_001, 'task:parked', 't3'));
    expect(idsOf(storePortOf(engine).checkpoint())).toEqual(['task:t1', 'task:t2', 'task:t3']);
  });

  it('restores from the rows of its checkpoints the engine it was, compactions and dedupe expiry included', () => {
    const options = { horizonMs: 60_000, dedupeWindowMs: 300_000 };
    const engine = createEngine({ ...options, checkpoints: { restored: false } });
    const rows = new Map<string, unknown>();
    const lines = webexSample(600).map((delivery) => delivery.line);
    let meta: unknown;
    lines.forEach((line, index) => {
      engine.ingest({ source: 'webex', body: line });
      if (index % 150 !== 149) return;
      const checkpoint = storePortOf(engine).checkpoint();
      const { full, ledgers, finished, ...rest } = checkpoint;
      if (full) rows.clear();
      for (const ledger of ledgers) rows.set(`${ledger.entity.kind}:${ledger.entity.id}`, structuredClone(ledger));
      expect(finished).toEqual([]);
      expect(full).toBe(index === 149);
      meta = structuredClone(rest);
      storePortOf(engine).checkpointWritten(checkpoint);
    });
    const restored = createEngine({ ...options, snapshot: { ...(meta as object), ledgers: [...rows.values()] } as never });
    expect(inEntityOrder(restored)).toBe(inEntityOrder(engine));
  });
});

/** The engine's snapshot as JSON, its ledgers in entity order. */
function inEntityOrder(engine: Engine): string {
  const snapshot = engine.snapshot();
  const key = (ledger: (typeof snapshot.ledgers)[number]) => `${ledger.entity.kind}:${ledger.entity.id}`;
  return JSON.stringify({ ...snapshot, ledgers: [...snapshot.ledgers].sort((a, b) => key(a).localeCompare(key(b))) });
}
