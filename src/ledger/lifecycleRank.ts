// Breaks same-millisecond (Telax: same-second) ties in lifecycle order (DESIGN §4), so that
// e.g. `offered` folds before `connected` before `ended` whatever order they arrived in.
import type { CanonicalEvent } from '../events/canonical.js';

const RANK: Record<CanonicalEvent['type'], number> = {
  'agent.loggedIn': 0,
  'agent.presence': 1,
  'agent.work': 2,
  'agent.workEnded': 3,
  'agent.loggedOut': 4,

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
  'task.connected': 3,
  'task.held': 4,
  'task.consulting': 5,
  'task.conferencing': 6,
  'task.suspended': 7,
  'task.ended': 8,
  'task.wrapup': 9,
  'task.closed': 10,
  // Attribute updates (captures, origin) fold after the state asserted at the same instant.
  'task.updated': 11,
};

export const lifecycleRank = (type: CanonicalEvent['type']): number => RANK[type];
