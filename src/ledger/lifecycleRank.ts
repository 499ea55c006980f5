// Breaks same-millisecond (Telax: same-second) ties in lifecycle order (DESIGN §4), so that
// e.g. `offered` folds before `connected` before `ended` whatever order they arrived in.
import type { CanonicalEvent } from '../events/canonical.js';
import type { Work } from '../events/states.js';

// Task and channel ranks follow their lifecycle tables (TASK_LIFECYCLE, CHANNEL_LIFECYCLE): a step
// of the table goes to a higher rank unless it returns to an earlier stage, besides the exceptions
// below (test/ledger/lifecycleRank.test.ts holds them to the tables).
// Where lifecycle order is ambiguous, the pair that usually shares an instant decides:
// - an agent's work ending ranks before new work (Telax: release and next offer in one second),
//   work ranks by its own lifecycle; an agent's instant then folds as a valid work lifecycle
//   where rank order is not one (sameInstantOrder.ts, DESIGN §4.7);
// - `held` ranks before `connected` (a consult ending on hold and the hold ending together is
//   common; a call put on hold the instant it connects is not);
// - a logout, agent's or channel's, ranks after everything else of its instant.
const RANK: Record<CanonicalEvent['type'], number> = {
  'agent.loggedIn': 0,
  'agent.presence': 1,
  'agent.workEnded': 2,
  'agent.work': 3, // + WORK_RANK[work]
  'agent.loggedOut': 7,

  'channel.loggedOut': 7,
  'channel.idle': 1,
  'channel.available': 2,
  'channel.reserved': 3,
  'channel.engaged': 4,
  'channel.engagedOther': 5,
  'channel.wrapup': 6,

  'task.new': 0,
  'task.queued': 1,
  'task.offered': 2,
  'task.held': 3,
  'task.connected': 4,
  'task.consulting': 5,
  'task.conferencing': 6,
  'task.suspended': 7,
  'task.ended': 8,
  'task.wrapup': 9,
  'task.closed': 10,
  // Attribute updates (captures, origin) fold after the state asserted at the same instant.
  'task.updated': 11,
};

const WORK_RANK: Record<Work, number> = { reserved: 0, engaged: 1, wrapup: 2 };

export const lifecycleRank = (event: CanonicalEvent): number =>
  event.type === 'agent.work' ? RANK[event.type] + WORK_RANK[event.work] : RANK[event.type];
