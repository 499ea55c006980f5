// `contactstate diagram agent|channel|task [--format mermaid|dot|json]`: a machine's chart, drawn
// from its definition (src/diagram/).
import { parseArgs } from 'node:util';
import { DIAGRAM_FORMATS, type DiagramFormat, drawChart } from '../diagram/drawChart.js';
import { machineChart } from '../diagram/machineChart.js';
import { ENTITY_MACHINES } from '../engine/entityMachines.js';
import { ENTITY_KINDS, type EntityKind } from '../events/states.js';

export const DIAGRAM_USAGE = `usage: contactstate diagram ${ENTITY_KINDS.join('|')} [--format ${DIAGRAM_FORMATS.join('|')}]`;

export function diagram(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { format: { type: 'string', default: 'mermaid' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`contactstate diagram: ${(error as Error).message}\n${DIAGRAM_USAGE}\n`);
    return 2;
  }
  const [kind, ...extra] = parsed.positionals;
  const format = parsed.values.format;
  if (!ENTITY_KINDS.includes(kind as EntityKind) || extra.length > 0 || !DIAGRAM_FORMATS.includes(format as DiagramFormat)) {
    process.stderr.write(`${DIAGRAM_USAGE}\n`);
    return 2;
  }
  process.stdout.write(drawChart(machineChart(ENTITY_MACHINES[kind as EntityKind]), format as DiagramFormat));
  return 0;
}
