// Summarises a V8 .cpuprofile: the functions with the most self time and the most inclusive time.
//   npx tsx bench/profile/profileSummary.ts FILE.cpuprofile [rows] [FRAME]
// With FRAME (a function name, e.g. `ingestFeed`), shares are of the run of that function only:
// the samples under it, and the garbage collector's samples taken between its first and last
// sample (GC shows at the root of a profile, not under the code that made the garbage).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArgument, frame] = process.argv.slice(2);
if (!file) throw new Error('usage: profileSummary FILE.cpuprofile [rows] [FRAME]');
const rows = Number(rowsArgument ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const nameOf = ({ callFrame }: ProfileNode) =>
  `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const isUnder = (id: number): boolean => {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) if (byId.get(at)!.callFrame.functionName === frame) return true;
  return false;
};
/** Which samples count: all, or those of the frame's run. */
const counted = profile.samples.map(() => true);
if (frame) {
  const under = profile.samples.map(isUnder);
  const first = under.indexOf(true);
  const last = under.lastIndexOf(true);
  profile.samples.forEach((id, index) => {
    counted[index] = under[index]! || (index >= first && index <= last && byId.get(id)!.callFrame.functionName === '(garbage collector)');
  });
}

const sampled = new Map<number, number>();
profile.samples.forEach((id, index) => {
  if (counted[index]) sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...sampled.values()].reduce((sum, time) => sum + time, 0);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of sampled) {
  const node = byId.get(id)!;
  self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + time);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const name = nameOf(byId.get(at)!);
    if (seen.has(name)) continue; // recursion counts once
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}

const print = (title: string, table: Map<string, number>) => {
  process.stdout.write(`${title}\n`);
  for (const [name, time] of [...table].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    process.stdout.write(`${((time / total) * 100).toFixed(1).padStart(6)}%  ${name}\n`);
  }
};
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled${frame ? ` in the run of ${frame}` : ''}\n`);
print('self time', self);
print('inclusive time', inclusive);
