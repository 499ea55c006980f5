// examples/telax-sample.ndjson through the engine: three agents signing in, taking, declining
// and releasing work (with a same-second offer and accept), a BusyOther break and a sign-out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/index.js';
import { recognize } from '../../../src/sources/registry.js';
import { createTelaxAdapter } from '../../../src/sources/telax/adapter.js';

const SAMPLE = new URL('../../../examples/telax-sample.ndjson', import.meta.url);
const lines = readFileSync(SAMPLE, 'utf8').split('\n').filter((line) => line.trim() !== '');

function replaySample() {
  const engine = createEngine();
  const outcomes = lines.map((line) => engine.ingest({ body: line }));
  return { engine, outcomes };
}

describe('the telax sample feed', () => {
  it('is recognised line by line as telax', () => {
    for (const line of lines) expect(recognize({ body: JSON.parse(line), headers: {} })?.id).toBe('telax');
  });

  it('has no rejected line; the IVR and voice events are ignored', () => {
    const statuses = replaySample().outcomes.map((outcome) => outcome.status);
    expect(statuses).not.toContain('rejected');
    expect(statuses.filter((status) => status === 'ignored')).toHaveLength(2);
  });

  it('ends with each agent where the feed leaves them', () => {
    const { engine } = replaySample();
    expect(engine.agent('maria.lopez')).toMatchObject({ state: 'available', tasks: [] });
    expect(engine.agent('pat.chen')).toMatchObject({ state: 'engaged', tasks: ['S-10002'] });
    expect(engine.agent('raj.iyer')).toMatchObject({ state: 'loggedOut' });
    expect(engine.tasks()).toEqual([]);
  });

  it('shows a BusyOther break as idle with its activity', () => {
    const engine = createEngine();
    for (const line of lines.filter((line) => !line.includes('"Code":2,'))) engine.ingest({ body: line });
    expect(engine.agent('raj.iyer')).toMatchObject({ state: 'idle', idleCode: { id: '9', name: 'Team meeting' } });
  });

  it('takes a redelivered line as a duplicate (Id)', () => {
    const { engine } = replaySample();
    expect(engine.ingest({ body: lines[0]! }).status).toBe('duplicate');
  });

  it('accepts a custom availability map through the engine', () => {
    const engine = createEngine({ sources: { telax: createTelaxAdapter({ availability: { codes: { 1: 'idle' } } }) } });
    for (const line of lines) engine.ingest({ body: line });
    expect(engine.agent('maria.lopez')).toMatchObject({ state: 'idle' });
  });
});
