// `contactstate diagram`: the machines' charts from their definitions; the three Mermaid diagrams of
// docs/machines.md are exactly what it draws.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../src/diagram/drawChart.js';
import { machineChart } from '../../src/diagram/machineChart.js';
import { ENTITY_MACHINES } from '../../src/engine/entityMachines.js';
import { ENTITY_KINDS } from '../../src/events/states.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MACHINES_DOC = readFileSync(`${ROOT}docs/machines.md`, 'utf8');

describe('contactstate diagram', () => {
  it.each(ENTITY_KINDS)('draws the %s machine in docs/machines.md as it is defined', (kind) => {
    const block = new RegExp(`<!-- contactstate diagram ${kind} -->\\n\`\`\`mermaid\\n([\\s\\S]*?)\`\`\`\\n`).exec(MACHINES_DOC);
    expect(block, `docs/machines.md has no diagram of the ${kind} machine`).not.toBeNull();
    expect(block![1]).toBe(drawChart(machineChart(ENTITY_MACHINES[kind]), 'mermaid'));
  });

  it('draws nominal edges plainly, one arrow per pair of states, and the resync group as one dashed box', () => {
    const chart = machineChart(ENTITY_MACHINES.agent);
    const mermaid = drawChart(chart, 'mermaid');
    expect(mermaid).toContain('  engaged --> wrapup : agent.work\n');
    expect(mermaid).toContain('  resync : agent.work → reserved / engaged / wrapup\n');
    expect(mermaid).toContain('  class resync resyncGroup\n');
    const arrows = mermaid.split('\n').filter((line) => line.includes(' --> ') && !line.includes('[*]'));
    expect(arrows).toHaveLength(new Set(chart.edges.map(({ from, to }) => `${from} ${to}`)).size);
    const dot = drawChart(machineChart(ENTITY_MACHINES.task), 'dot');
    expect(dot).toMatch(/^digraph task \{\n/);
    expect(dot).toContain('  "ended" -> "wrapup" [label="task.wrapup"];\n');
    expect(dot).toMatch(/resync \[shape=note, style=dashed, label=".*task\.closed → closed\\l"\];/);
    expect(JSON.parse(drawChart(chart, 'json'))).toEqual(chart);
  });

  it('runs from the command line, and refuses what it does not know (exit 2)', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['bin/contactstate.js', 'diagram', ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(run('channel', '--format', 'dot')).toMatchObject({ status: 0, stdout: drawChart(machineChart(ENTITY_MACHINES.channel), 'dot') });
    for (const args of [['queue'], ['task', '--format', 'svg'], [], ['task', 'agent']]) {
      expect(run(...args)).toMatchObject({ status: 2, stderr: expect.stringContaining('usage: contactstate diagram agent|channel|task') });
    }
  });
});
