// The ring of recent patch sets behind the patch feed's resume: what it can give after a resume
// point, and when it must answer with the whole document instead.
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    ring.listen(() => undefined);
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
    ring.listen(() => undefined);
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
    expect(ring.after({ revision: 0 }, 1)?.map((set) => set.revision)).toEqual([1]);
    ring.close();
    engine.ingest(login(2));
    expect(heard).toEqual([1]);
    expect(ring.recording).toBe(false);
    expect(ring.after({ revision: 0 }, engine.state().revision)).toBeUndefined();
  });

  describe('records only while someone listens, and a while after', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    /** The document is revised per delivery only while the engine has a patch subscriber: its revision says whether it had one. */
    const revisionsOf = (engine: ReturnType<typeof createEngine>, from: number, count: number) => {
      const before = engine.state().revision;
      for (let index = from; index < from + count; index++) engine.ingest(login(index));
      return engine.state().revision - before;
    };

    it('costs the engine nothing before the first listener, and resumes a client that comes back within keepMs', () => {
      vi.useFakeTimers();
      const engine = createEngine();
      const ring = new PatchRing(engine, 100, 60_000);
      expect(revisionsOf(engine, 0, 5)).toBe(1); // no subscriber: one revision, made by the read
      expect(ring.recording).toBe(false);
      const leave = ring.listen(() => undefined);
      expect(revisionsOf(engine, 5, 5)).toBe(5);
      const point = engine.state().revision;
      leave();
      vi.advanceTimersByTime(59_000);
      expect(revisionsOf(engine, 10, 3)).toBe(3); // still recording: a reconnecting client resumes
      expect(ring.after({ epoch: ring.epoch, revision: point }, engine.state().revision)?.map((set) => set.revision)).toEqual([point + 1, point + 2, point + 3]);
      ring.listen(() => undefined)(); // another comes and goes: the minute starts again
      vi.advanceTimersByTime(59_000);
      expect(ring.recording).toBe(true);
    });

    it('stops keepMs after the last listener left, and then answers an old resume point with the whole document', () => {
      vi.useFakeTimers();
      const engine = createEngine();
      const ring = new PatchRing(engine, 100, 60_000);
      const first = ring.listen(() => undefined);
      const second = ring.listen(() => undefined);
      revisionsOf(engine, 0, 3);
      const point = engine.state().revision;
      first();
      vi.advanceTimersByTime(120_000);
      expect(ring.recording).toBe(true); // one still listens
      second();
      vi.advanceTimersByTime(60_000);
      expect(ring.recording).toBe(false);
      expect(revisionsOf(engine, 3, 5)).toBe(1);
      expect(ring.after({ epoch: ring.epoch, revision: point }, engine.state().revision)).toBeUndefined();
      ring.listen(() => undefined);
      expect(revisionsOf(engine, 8, 2)).toBe(2);
      expect(ring.after({ epoch: ring.epoch, revision: point }, engine.state().revision)).toBeUndefined();
    });
  });

  it('reads resume points as `<epoch>-<revision>` or a bare revision, and nothing else', () => {
    expect(parseResumePoint('0badcafe-57')).toEqual({ epoch: '0badcafe', revision: 57 });
    expect(parseResumePoint(' 57 ')).toEqual({ revision: 57 });
    for (const bad of ['', '-1', 'abc', '0BADCAFE-1', '0badcafe-', '0badcafe-1-2', '1'.repeat(16), '1e3']) expect(parseResumePoint(bad)).toBeUndefined();
  });
});
