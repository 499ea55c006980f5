// Summarises a V8 .cpuprofile: the functions with the most self time and the most inclusive time.
//   npx tsx bench/profile/profileSummary.ts FILE.cpuprofile [rows]
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

const [file, rowsArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: profileSummary FILE.cpuprofile [rows]');
const rows = Number(rowsArgument ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const nameOf = ({ callFrame }: ProfileNode) =>
  `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const sampled = new Map<number, number>();
profile.samples.forEach((id, index) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
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
print('self time', self);
print('inclusive time', inclusive);
