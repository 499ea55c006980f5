import { collectGarbage, timed } from './measure.js';
import { ingestFeed } from './engineThroughput.js';
import { buildWorkload, QUICK } from './workload.js';
const workload = buildWorkload(QUICK);
const runs = { inOrder: () => ingestFeed(workload.inOrder), disorder: () => ingestFeed(workload.disordered) };
const times: Record<string, number[]> = { inOrder: [], disorder: [] };
const order = process.argv[2] === 'disorder-first' ? (['disorder', 'inOrder'] as const) : (['inOrder', 'disorder'] as const);
const rounds = Number(process.argv[3] ?? 8);
for (let round = 0; round < rounds; round++) {
  for (const name of order) {
    collectGarbage();
    times[name]!.push(timed(() => runs[name]()));
  }
}
const per = (name: string, count: number) => times[name]!.map((t) => Math.round(count / t));
console.log(order.join(','), 'deliveries', workload.inOrder.length, workload.disordered.length);
console.log('inOrder/s by round ', per('inOrder', workload.inOrder.length).join(' '));
console.log('disorder/s by round', per('disorder', workload.disordered.length).join(' '));
