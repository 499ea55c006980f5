// A machine's chart drawn for people (`contactstate diagram`): its nominal edges as plain arrows
// (several assertions between the same two states share one arrow), and the root-level resync
// group collapsed into one dashed box, since it takes any other assertion from any state. The
// assertions that keep a state where it is are not drawn; `--format json` lists them.
import type { ChartResync, MachineChart } from './machineChart.js';

export const DIAGRAM_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export function drawChart(chart: MachineChart, format: DiagramFormat): string {
  switch (format) {
    case 'mermaid':
      return mermaid(chart);
    case 'dot':
      return dot(chart);
    case 'json':
      return `${JSON.stringify(chart, null, 2)}\n`;
    default:
      throw new Error(`unknown diagram format ${JSON.stringify(format satisfies never)}`);
  }
}

const RESYNC_TITLE = 'resync: from any state, any other assertion (a gap where the lifecycle has no such step)';

/** The nominal edges, one per pair of states, labelled with the assertions that take it. */
function arrows(chart: MachineChart): { from: string; to: string; label: string }[] {
  const byPair = new Map<string, { from: string; to: string; events: string[] }>();
  for (const { from, to, event } of chart.edges) {
    const pair = byPair.get(`${from} ${to}`) ?? { from, to, events: [] };
    if (!pair.events.includes(event)) pair.events.push(event);
    byPair.set(`${from} ${to}`, pair);
  }
  return [...byPair.values()].map(({ from, to, events }) => ({ from, to, label: events.join(', ') }));
}

const resyncLine = ({ event, to }: ChartResync) => `${event} → ${to.length ? to.join(' / ') : '(attributes only)'}`;

function mermaid(chart: MachineChart): string {
  const lines = ['stateDiagram-v2', '  direction LR', `  [*] --> ${chart.initial}`];
  for (const { from, to, label } of arrows(chart)) lines.push(`  ${from} --> ${to} : ${label}`);
  lines.push(`  state "${RESYNC_TITLE}" as resync`);
  for (const resync of chart.resync) lines.push(`  resync : ${resyncLine(resync)}`);
  lines.push('  classDef resyncGroup stroke-dasharray: 4 4', '  class resync resyncGroup');
  return `${lines.join('\n')}\n`;
}

function dot(chart: MachineChart): string {
  const quote = (text: string) => JSON.stringify(text);
  const lines = [`digraph ${chart.id} {`, '  rankdir=LR;', '  node [shape=box, style=rounded];', '  start [shape=point, label=""];'];
  lines.push(`  start -> ${quote(chart.initial)};`);
  for (const { from, to, label } of arrows(chart)) lines.push(`  ${quote(from)} -> ${quote(to)} [label=${quote(label)}];`);
  const resync = [RESYNC_TITLE, ...chart.resync.map(resyncLine)].map((line) => `${line}\\l`).join('');
  lines.push(`  resync [shape=note, style=dashed, label="${resync.replaceAll('"', '\\"')}"];`, '}');
  return `${lines.join('\n')}\n`;
}
