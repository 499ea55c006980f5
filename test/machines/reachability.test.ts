// Every state of every machine is reachable (xstate's graph utilities walk the machines).
import { getShortestPaths } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.js';
import { channelMachine } from '../../machines/channel.machine.js';
import { taskMachine } from '../../machines/task.machine.js';
import type { CanonicalEvent } from '../../src/events/canonical.js';
import { AGENT_STATES, CHANNEL_STATES, TASK_STATES } from '../../src/events/states.js';
import { agentEvent, channelEvent, taskEvent } from '../support/canonical.js';

function reachableStates(machine: AnyStateMachine, events: CanonicalEvent[], id: string): string[] {
  const paths = getShortestPaths(machine, {
    events,
    input: { id },
    // States are told apart by value: contexts (times, gaps) would make the graph infinite.
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });
  return [...new Set(paths.map((path) => String(path.state.value)))].sort();
}

describe('machine graphs', () => {
  it('reach every task state', () => {
    const events = [
      ...TASK_STATES.map((state) => taskEvent({ type: `task.${state}` })),
      taskEvent({ type: 'task.updated', capture: 'c' }),
    ];
    expect(reachableStates(taskMachine, events, 't1')).toEqual([...TASK_STATES].sort());
  });

  it('reach every channel state', () => {
    const events = CHANNEL_STATES.map((state) => channelEvent({ type: `channel.${state}` }));
    expect(reachableStates(channelMachine, events, 'a1/chat')).toEqual([...CHANNEL_STATES].sort());
  });

  it('reach every agent state', () => {
    const events = [
      agentEvent({ type: 'agent.loggedIn', presence: 'available' }),
      agentEvent({ type: 'agent.presence', presence: 'idle', endsWork: true }),
      agentEvent({ type: 'agent.work', taskId: 't1', work: 'reserved' }),
      agentEvent({ type: 'agent.work', taskId: 't1', work: 'engaged' }),
      agentEvent({ type: 'agent.work', taskId: 't1', work: 'wrapup' }),
      agentEvent({ type: 'agent.workEnded', taskId: 't1' }),
      agentEvent({ type: 'agent.loggedOut' }),
    ];
    expect(reachableStates(agentMachine, events, 'a1')).toEqual([...AGENT_STATES].sort());
  });
});
