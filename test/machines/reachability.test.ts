// The charts read as lifecycles: along the nominal edges alone (what each state lists, not the
// root's resync group) every state can be reached from the initial one, every state can reach
// the end of the lifecycle, and the nominal edges are exactly the lifecycle table's steps: no
// nominal edge is a gap, and no step the table allows goes undrawn (each machine reads its table).
import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { AGENT_LIFECYCLE } from '../../machines/agent.context.js';
import { agentMachine } from '../../machines/agent.machine.js';
import { CHANNEL_LIFECYCLE } from '../../machines/channel.context.js';
import { channelMachine } from '../../machines/channel.machine.js';
import type { Lifecycle } from '../../machines/gaps.js';
import { TASK_LIFECYCLE } from '../../machines/task.context.js';
import { taskMachine } from '../../machines/task.machine.js';
import { machineChart } from '../../src/diagram/machineChart.js';

/** The states reachable from `start` along nominal edges, forwards or backwards. */
function reachable(machine: AnyStateMachine, start: string, direction: 'forwards' | 'backwards'): string[] {
  const { edges } = machineChart(machine);
  const seen = new Set([start]);
  for (let frontier = [start]; frontier.length > 0; ) {
    frontier = edges
      .filter((edge) => frontier.includes(direction === 'forwards' ? edge.from : edge.to))
      .map((edge) => (direction === 'forwards' ? edge.to : edge.from))
      .filter((state) => !seen.has(state));
    for (const state of frontier) seen.add(state);
  }
  return [...seen].sort();
}

const machines: [string, AnyStateMachine, Lifecycle<string>, string][] = [
  ['task', taskMachine, TASK_LIFECYCLE, 'closed'],
  ['agent', agentMachine, AGENT_LIFECYCLE, 'loggedOut'],
  ['channel', channelMachine, CHANNEL_LIFECYCLE, 'loggedOut'],
];

describe.each(machines)('the %s chart', (_kind, machine, lifecycle, end) => {
  const states = Object.keys(machine.root.states).sort();

  it('reaches every state from the initial one along nominal edges', () => {
    expect(reachable(machine, machineChart(machine).initial, 'forwards')).toEqual(states);
  });

  it(`leads from every state to ${end} along nominal edges`, () => {
    expect(reachable(machine, end, 'backwards')).toEqual(states);
  });

  it('given its lifecycle table, when the chart is drawn, then its nominal edges are exactly the table’s steps', () => {
    const drawn = new Set(machineChart(machine).edges.map(({ from, to }) => `${from} → ${to}`));
    const allowed = Object.entries(lifecycle).flatMap(([from, successors]) => successors.map((to) => `${from} → ${to}`));
    expect([...drawn].sort()).toEqual(allowed.sort());
  });
});
