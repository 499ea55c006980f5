// The ring of recent patch sets behind the patch feed's resume: what it can give after a resume
// point, and when it must answer with the whole document instead.
import { describe, expect, it } from 'vitest';
import * as webhook from '../../examples/webex/webhooks.js';
import { createEngine } from '../../src/index.js';
import { parseResumePoint, PatchRing } from '../../src/server/patchRing.js';

const T = 1_700_000_000_000;
const login = (index: number) => ({ source: 'webex' as const, body: JSON.stringify(webhook.agentLogin(`l${index}`, T + index, `a${index}`, 'team', true)) });

describe('the patch ring', () => {
  it('gives the sets after a resume point while it holds them, nothing at the current revision, and undefined otherwise', () => {
    const engine = createEngine();
    engine.ingest(login(0));
    const ring = new PatchRing(engine, 8);
    for (let index = 1; index <= 30; index++) engine.ingest(login(index));
    const current = engine.state().revision;
    expect(current).toBe(31);
    expect(ring.after({ epoch: ring.epoch, revision: 29 }, current)?.map((set) => set.revision)).toEqual([30, 31]);
    expect(ring.after({ revision: 31 }, current)).toEqual([]);
    const oldest = 31 - 8 + 1;
    expect(ring.after({ revision: oldest - 1 }, current)?.map((set) => set.revision)).toEqual([...Array(8).keys()].map((index) => oldest + index));
    expect(ring.after({ revision: 2 }, current)).toBeUndefined();
    expect(ring.after({ revision: 32 }, current)).toBeUndefined();
    expect(ring.after({ epoch: ring.epoch === '00000000' ? '00000001' : '00000000', revision: 30 }, current)).toBeUndefined();
  });

  it('holds what came before its first set as the document only: a revision from before it is not resumed', () => {
    const engine = createEngine();
    for (let index = 0; index < 5; index++) engine.ingest(login(index));
    const base = engine.state().revision;
    const ring = new PatchRing(engine, 8);
    expect(ring.after({ revision: base }, base)).toEqual([]);
    expect(ring.after({ revision: base - 1 }, base)).toBeUndefined();
    engine.ingest(login(5));
    expect(ring.after({ revision: base }, base + 1)?.map((set) => set.revision)).toEqual([base + 1]);
    expect(ring.after({ revision: base - 1 }, base + 1)).toBeUndefined();
  });

  it('stops recording when closed, and tells listeners of each set until then', () => {
    const engine = createEngine();
    const ring = new PatchRing(engine, 8);
    const heard: number[] = [];
    ring.listen((set) => heard.push(set.revision));
    engine.ingest(login(1));
    ring.close();
    engine.ingest(login(2));
    expect(heard).toEqual([1]);
    expect(ring.after({ revision: 0 }, 2)?.map((set) => set.revision)).toEqual([1]);
  });

  it('reads resume points as `<epoch>-<revision>` or a bare revision, and nothing else', () => {
    expect(parseResumePoint('0badcafe-57')).toEqual({ epoch: '0badcafe', revision: 57 });
    expect(parseResumePoint(' 57 ')).toEqual({ revision: 57 });
    for (const bad of ['', '-1', 'abc', '0BADCAFE-1', '0badcafe-', '0badcafe-1-2', '1'.repeat(16), '1e3']) expect(parseResumePoint(bad)).toBeUndefined();
  });
});
