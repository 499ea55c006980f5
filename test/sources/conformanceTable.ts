// docs/sources.md, generated from the adapters' own mapping tables: for every source, every
// event name and what it asserts (a state, work, membership, attributes), or why it is ignored.
// conformance.test.ts compares the file with this text, so the table cannot drift from the code.
import { AGENT_PARTY, CUSTOMER_PARTY, PRESENCE } from '../../src/sources/vonage/mapping.js';
import { CHAT_STEP, EVENT_STEP, MEMBER_CHANGE_STEP, STATELESS_EVENTS as EIGHT_BY_EIGHT_STATELESS } from '../../src/sources/8x8/mapping.js';
import { AGENT_CODES, DEFAULT_AVAILABILITY, OTHER_CATEGORIES } from '../../src/sources/telax/mapping.js';
import { AGENT_STATE_CHANGE, CHANNEL_STATE, STATELESS_TYPES, TASK_EVENT } from '../../src/sources/webex/mapping.js';
import {
  AGENT_EVENTS,
  FAILURE_EVENTS,
  HYDRATE_EVENTS,
  HYDRATE_STATE,
  SDK_VERSION_FOLLOWED,
  STATELESS_EVENTS,
  TASK_EVENTS,
  type TaskRow,
} from '../../src/sources/webex-sdk/mapping.js';

const table = (header: string[], rows: string[][]): string =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
const code = (name: string) => `\`${name}\``;

const SDK_AGENT: Record<(typeof AGENT_EVENTS)[string], string> = {
  login: 'agent logged in, presence from `subStatus` (Idle unless it says Available)',
  relogin: 'agent presence from `subStatus`; keeps its work (no work ends unless `interactionIds` is empty)',
  stateChange: 'agent presence from `subStatus` (idle code from `auxCodeId`)',
  logout: 'agent and all its channels logged out',
};

function sdkTaskRow({ task, work, agentLeaves, recording, members, fromConsulted }: TaskRow): string {
  const parts = [task === 'updated' ? 'task: attributes only' : `task ${task}`];
  if (work) parts.push(`named agent ${agentLeaves ? 'leaves' : 'joins'}, work ${work}`);
  if (recording) parts.push(`recording ${recording}`);
  if (members) parts.push('membership of every agent in `interaction.participants` (joined, or left when `hasLeft`)');
  if (fromConsulted) parts.push(`from a consulted agent (not the owner): ${sdkTaskRow(fromConsulted)}`);
  return parts.join('; ');
}

function webexSdk(): string {
  const rows = [
    ...Object.entries(AGENT_EVENTS).map(([event, kind]) => [code(event), SDK_AGENT[kind]]),
    ...Object.entries(TASK_EVENTS).map(([event, row]) => [code(event), sdkTaskRow(row)]),
    ...[...HYDRATE_EVENTS].map((event) => [code(event), 'the state its payload carries (`state`, else `interaction.state`): see below']),
    ...Object.entries(STATELESS_EVENTS).map(([event, reason]) => [code(event), `ignored: it ${reason}`]),
    ...FAILURE_EVENTS.map((event) => [code(event), 'ignored: reports a failed request (every `*Failed` name)']),
  ];
  const hydrate = Object.entries(HYDRATE_STATE).map(([state, { task, work }]) => [code(state), `task ${task}, agent ${work}`]);
  return [
    '## Webex SDK (`webex-sdk`)',
    '',
    `Event names followed: ${SDK_VERSION_FOLLOWED} (its \`TASK_EVENTS\` and \`AGENT_EVENTS\`), beside the names documented in seed 000. Any other name is rejected (\`unknown Webex SDK event\`); a hyphen is part of a name.`,
    '',
    table(['event', 'asserts'], rows),
    '',
    'Hydrated states (lower-cased; any other is rejected, never guessed):',
    '',
    table(['state', 'asserts'], hydrate),
  ].join('\n');
}

function webex(): string {
  const agent = Object.entries(AGENT_STATE_CHANGE).map(([state, row]) => [
    code(`agent:state_change ${state}`),
    [row.task ? `task ${row.task}` : '', row.agentLeavesTask ? 'agent leaves the task' : ''].filter(Boolean).join('; ') || 'agent presence',
  ]);
  const tasks = Object.entries(TASK_EVENT).map(([type, asserted]) => [code(type), asserted]);
  const channels = Object.entries(CHANNEL_STATE).map(([state, asserted]) => [code(`agent:channel_state_change ${state}`), `channel ${asserted}`]);
  const stateless = [...STATELESS_TYPES].map((type) => [code(type), 'ignored: carries no state']);
  return [
    '## Webex webhooks (`webex`)',
    '',
    "The event time is `data.createdTime`, else the envelope's `comciscotimestamp`, else its CloudEvents `time` (ISO 8601); none of them: rejected.",
    '',
    table(['event', 'asserts'], [...agent, ...channels, ...tasks, ...stateless]),
  ].join('\n');
}

function vonage(): string {
  const rows = Object.entries(AGENT_PARTY).map(([event, row]) => [
    code(`channel.${event}`),
    `agent party: ${row.task}${row.work ? `, work ${row.work}` : ''}${row.membership ? `, ${row.membership}` : ''}`,
    `customer party: ${CUSTOMER_PARTY[event as keyof typeof CUSTOMER_PARTY]}`,
  ]);
  const presence = Object.entries(PRESENCE).map(([category, asserted]) => [code(`agent.presencechanged ${category}`), `agent ${asserted}`, '']);
  return ['## Vonage (`vonage`)', '', table(['event', 'agent party', 'customer party'], [...rows, ...presence])].join('\n');
}

function eightByEight(): string {
  const step = (name: keyof typeof CHAT_STEP) => {
    const row = CHAT_STEP[name];
    return [row.task, row.agent ? `agent ${row.agent}` : '', row.membership ?? '', row.unlessTransferPending ? 'unless a transfer is pending' : '']
      .filter(Boolean)
      .join(', ');
  };
  const rows = [
    ...Object.entries(EVENT_STEP).map(([type, name]) => [code(type), step(name)]),
    ...Object.entries(MEMBER_CHANGE_STEP).map(([change, name]) => [code(`MEMBERS_CHANGED ${change}`), step(name)]),
    ...Object.entries(EIGHT_BY_EIGHT_STATELESS).map(([type, reason]) => [code(type), `ignored: ${reason}`]),
  ];
  return ['## 8x8 (`8x8`)', '', table(['event', 'asserts'], rows)].join('\n');
}

function telax(): string {
  const rows = [
    ...Object.entries(AGENT_CODES).map(([value, { name, asserts }]) => [code(`category 1, code ${value} ${name}`), asserts]),
    ...Object.entries(OTHER_CATEGORIES).map(([category, name]) => [code(`category ${category}`), `ignored: ${name}, no agent state`]),
  ];
  const availability = [
    ...Object.entries(DEFAULT_AVAILABILITY.codes).map(([value, presence]) => [code(value), presence]),
    ['any other', DEFAULT_AVAILABILITY.otherwise],
  ];
  return [
    '## Telax (`telax`)',
    '',
    table(['event', 'asserts'], rows),
    '',
    'StatusChanged `AvailabilityCode` → presence (the default; configurable with `createTelaxAdapter({ availability })`):',
    '',
    table(['code', 'presence'], availability),
  ].join('\n');
}

const FORWARDING = `## Forwarding Webex SDK events

One NDJSON line (or one POST body) per SDK event: \`{"event": "<name>", "payload": <what the SDK emitted>}\`.
A task event's payload is the task's \`task.data\`. \`task:rejected\` emits only a reason string, so
its line names the task in a \`task\` field beside the payload: \`{"event": "task:rejected",
"payload": "RONA_TIMER_EXPIRED", "task": <task.data>}\`. Any task event may carry \`task\`; when it
does, the task is read from it. A line without \`task\` keeps the event id it always had (the id is
a hash of the event, the payload and the task).

\`\`\`js
// In the agent's browser, after webex.cc.register(): post every SDK event to contactstate.
const post = (line) => fetch('/webhooks/webex-sdk', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(line) });
const AGENT_EVENTS = ['agent:stationLoginSuccess', 'agent:reloginSuccess', 'agent:stateChange', 'agent:logoutSuccess'];
for (const event of AGENT_EVENTS) webex.cc.on(event, (payload) => post({ event, payload }));
const TASK_EVENTS = ['task:offerContact', 'task:assigned', 'task:hold', 'task:resume', 'task:consultCreated', 'task:consultEnd',
  'task:conferenceStarted', 'task:participantJoined', 'task:participantLeft', 'task:conferenceEnded', 'task:end', 'task:wrapup', 'task:wrappedup'];
const follow = (task) => {
  for (const event of TASK_EVENTS) task.on(event, (emitted) => post({ event, payload: emitted?.data ?? task.data }));
  // task:rejected emits the reason alone: the task goes beside it.
  task.on('task:rejected', (reason) => post({ event: 'task:rejected', payload: reason, task: task.data }));
};
webex.cc.on('task:incoming', (task) => { post({ event: 'task:incoming', payload: task.data }); follow(task); });
webex.cc.on('task:hydrate', (task) => { post({ event: 'task:hydrate', payload: task.data }); follow(task); });
\`\`\``;

export function conformanceDocument(): string {
  return [
    '# What each source asserts',
    '',
    '<!-- Generated from the adapters\' mapping tables by test/sources/conformanceTable.ts; regenerate with',
    '`UPDATE_DOCS=1 npx vitest run test/sources/conformance.test.ts`. Do not edit by hand. -->',
    '',
    'For every source, every event name and what it asserts: a task state, an agent\'s work or presence,',
    'membership (an agent joins or leaves a task), attributes only, or `ignored` with the reason. A',
    'name not listed is rejected with a clear reason and kept in the dead-letter; it never touches state.',
    '',
    webexSdk(),
    '',
    FORWARDING,
    '',
    webex(),
    '',
    vonage(),
    '',
    eightByEight(),
    '',
    telax(),
    '',
  ].join('\n');
}
