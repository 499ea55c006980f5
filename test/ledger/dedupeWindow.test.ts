// The dedupe window (DESIGN §4.1): ids of events that left the timeline, with their fingerprints,
// forgotten oldest first once their event time falls before the window; frozen into one string
// when the entity goes quiet, which must change nothing a caller sees.
import { describe, expect, it } from 'vitest';
import { DedupeWindow } from '../../src/ledger/dedupeWindow.js';

/** A window that remembered `count` ids `e0`, `e1`… at times 0, 1…, fingerprint 1000 + time. */
function given(count: number): DedupeWindow {
  const window = new DedupeWindow();
  for (let time = 0; time < count; time++) window.remember(`e${time}`, 1000 + time, time);
  return window;
}

const rowsOf = (from: number, to: number): [string, number, number][] =>
  Array.from({ length: to - from }, (_, index) => [`e${from + index}`, 1000 + from + index, from + index]);

describe('dedupe window', () => {
  it('given remembered ids, then it answers their fingerprints (as unsigned 32-bit integers) and nothing for others', () => {
    const window = given(3);
    window.remember('high', 0xffff_fff0, 3);
    expect(window.size).toBe(4);
    expect([window.fingerprintOf('e1'), window.fingerprintOf('high'), window.fingerprintOf('unknown')]).toEqual([1001, 0xffff_fff0, undefined]);
    expect(window.toJSON().at(-1)).toEqual(['high', 0xffff_fff0, 3]);
  });

  it('when expired, then it forgets the ids strictly older than the boundary, oldest first, and says whether it forgot any', () => {
    const window = given(5);
    expect(window.expire(0)).toBe(false);
    expect(window.expire(2)).toBe(true);
    expect([window.fingerprintOf('e1'), window.fingerprintOf('e2')]).toEqual([undefined, 1002]);
    expect(window.size).toBe(3);
    expect(window.toJSON()).toEqual(rowsOf(2, 5));
    expect(window.expire(2)).toBe(false);
    expect(window.expire(99)).toBe(true);
    expect(window.size).toBe(0);
    expect(window.toJSON()).toEqual([]);
    expect(window.expire(100)).toBe(false);
  });

  it('when an id is remembered again, then it keeps its place with its new fingerprint and time', () => {
    const window = given(3);
    window.remember('e0', 7, 10);
    expect(window.toJSON()).toEqual([['e0', 7, 10], ...rowsOf(1, 3)]);
    // The oldest place now holds a time after the boundary: expiry stops there.
    expect(window.expire(5)).toBe(false);
    expect(window.fingerprintOf('e0')).toBe(7);
  });

  it('when an id is remembered again after expiry moved past the first ones, then the time changed is its own', () => {
    const window = given(4);
    window.expire(2);
    window.remember('e3', 9, 30);
    expect(window.toJSON()).toEqual([['e2', 1002, 2], ['e3', 9, 30]]);
  });

  it('after many expiries, then what is left answers, persists and expires as before', () => {
    const window = given(100);
    expect(window.expire(70)).toBe(true);
    expect(window.size).toBe(30);
    expect(window.toJSON()).toEqual(rowsOf(70, 100));
    expect(window.expire(80)).toBe(true);
    expect(window.toJSON()).toEqual(rowsOf(80, 100));
    window.remember('late', 5, 200);
    expect(window.fingerprintOf('e80')).toBe(1080);
    expect(window.expire(100)).toBe(true);
    expect(window.toJSON()).toEqual([['late', 5, 200]]);
  });

  it('given a frozen window, then it answers, persists and expires exactly as before freezing', () => {
    const frozen = given(5);
    frozen.expire(1);
    frozen.freeze();
    expect(frozen.size).toBe(4);
    expect([frozen.fingerprintOf('e0'), frozen.fingerprintOf('e3'), frozen.fingerprintOf('unknown')]).toEqual([undefined, 1003, undefined]);
    expect(frozen.toJSON()).toEqual(rowsOf(1, 5));
    expect(frozen.expire(3)).toBe(true);
    expect(frozen.toJSON()).toEqual(rowsOf(3, 5));
  });

  it('given a frozen window, when an id is remembered, then it follows the ones kept, in order', () => {
    const window = given(3);
    window.freeze();
    window.remember('e1', 8, 20);
    window.remember('next', 9, 21);
    expect(window.toJSON()).toEqual([['e0', 1000, 0], ['e1', 8, 20], ['e2', 1002, 2], ['next', 9, 21]]);
    window.freeze();
    expect(window.fingerprintOf('next')).toBe(9);
    expect(window.fingerprintOf('e1')).toBe(8);
  });

  it('given a frozen window, when frozen again, then nothing changes', () => {
    const window = given(3);
    window.freeze();
    window.freeze();
    expect(window.toJSON()).toEqual(rowsOf(0, 3));
    expect(window.fingerprintOf('e2')).toBe(1002);
  });

  it('given a frozen window whose fingerprint is above 2^31, then it answers it unsigned', () => {
    const window = new DedupeWindow();
    window.remember('high', 0x8000_0001, 1);
    window.freeze();
    expect(window.fingerprintOf('high')).toBe(0x8000_0001);
    expect(window.toJSON()).toEqual([['high', 0x8000_0001, 1]]);
  });

  it('given ids that hold line breaks or are empty, when frozen, then it answers each of them alike', () => {
    const window = new DedupeWindow();
    for (const [time, id] of ['a\nb', 'a', 'b', '', '\n'].entries()) window.remember(id, 1000 + time, time);
    window.freeze();
    expect(['a\nb', 'a', 'b', '', '\n', 'a\n'].map((id) => window.fingerprintOf(id))).toEqual([1000, 1001, 1002, 1003, 1004, undefined]);
    expect(window.toJSON().map(([id]) => id)).toEqual(['a\nb', 'a', 'b', '', '\n']);
  });

  it('given an empty window, when frozen, then it holds nothing and remembers as before', () => {
    const window = new DedupeWindow();
    window.freeze();
    expect([window.size, window.toJSON(), window.fingerprintOf('')]).toEqual([0, [], undefined]);
    window.remember('e0', 1000, 0);
    expect(window.toJSON()).toEqual(rowsOf(0, 1));
  });

  it('given ids that hold tabs, when frozen, then it answers each of them alike', () => {
    const window = new DedupeWindow();
    for (const [time, id] of ['a\tb', 'a', 'b'].entries()) window.remember(id, 1000 + time, time);
    window.freeze();
    expect(['a\tb', 'a', 'b', 'a\t'].map((id) => window.fingerprintOf(id))).toEqual([1000, 1001, 1002, undefined]);
    expect(window.toJSON().map(([id]) => id)).toEqual(['a\tb', 'a', 'b']);
  });

  it('given a frozen window, when asked for an id that spells an id and its fingerprint, then it is not found', () => {
    const window = given(3);
    window.freeze();
    // e1's line reads "e1", a tab, 1001 in base 36, a tab, its time.
    expect(window.fingerprintOf(`e1\t${(1001).toString(36)}`)).toBeUndefined();
    expect(window.fingerprintOf('e1')).toBe(1001);
  });

  it('given times that step back, are epoch-sized or not whole ms, when frozen, then it persists and expires them as before', () => {
    const epoch = Date.UTC(2026, 10, 2);
    const window = new DedupeWindow();
    window.remember('new', 0xffff_fff0, epoch + 5_000);
    window.remember('older', 7, epoch);
    window.freeze();
    expect(window.toJSON()).toEqual([['new', 0xffff_fff0, epoch + 5_000], ['older', 7, epoch]]);
    expect(window.expire(epoch + 5_000)).toBe(false);
    expect(window.expire(epoch + 5_001)).toBe(true);
    expect(window.toJSON()).toEqual([]);
    const fractions = given(2);
    fractions.remember('half', 9, 2.5);
    fractions.freeze();
    expect(fractions.toJSON()).toEqual([...rowsOf(0, 2), ['half', 9, 2.5]]);
  });

  it('given a frozen window of ids without line breaks, then an empty id is not found between them', () => {
    const window = given(3);
    window.freeze();
    expect([window.fingerprintOf(''), window.fingerprintOf('e1'), window.fingerprintOf('e')]).toEqual([undefined, 1001, undefined]);
  });

  it('given a large window, when frozen, then it still answers alike', () => {
    const window = given(40);
    window.freeze();
    expect(window.fingerprintOf('e39')).toBe(1039);
    expect(window.toJSON()).toEqual(rowsOf(0, 40));
  });

  it('round-trips through its rows', () => {
    const window = given(4);
    window.expire(1);
    const restored = DedupeWindow.fromJSON(JSON.parse(JSON.stringify(window.toJSON())));
    expect(restored.toJSON()).toEqual(rowsOf(1, 4));
    expect(restored.fingerprintOf('e2')).toBe(1002);
    expect(restored.size).toBe(3);
  });
});
