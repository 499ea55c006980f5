// The engine's store-only hooks live on a port that the durable path asks for, not on the public
// `Engine` a user embeds (src/engine/storePort.ts).
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/createEngine.js';
import { storePortOf } from '../../src/engine/storePort.js';

const HOOKS = ['rebuildEntity', 'eventsOf', 'foldFloor', 'checkpoint', 'checkpointWritten'] as const;

describe('the store port', () => {
  it('given an engine, then none of the store hooks is on it, and its port has every one', () => {
    const engine = createEngine({ checkpoints: { restored: false } });
    for (const hook of HOOKS) expect(hook in engine, hook).toBe(false);
    const port = storePortOf(engine);
    for (const hook of HOOKS) expect(typeof port[hook], hook).toBe('function');
    expect(port.checkpoint().full).toBe(true);
  });

  it('given an object that only looks like an engine, then it has no port', () => {
    const lookalike = { ...createEngine() } as Engine;
    expect(() => storePortOf(lookalike)).toThrow(/not an engine made by createEngine/);
  });
});
