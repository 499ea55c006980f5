// An agent's timeline for any range the store's log still keeps: memory answers from the oldest
// day it keeps on (`keepDays`); a range reaching back before it is answered by refolding the
// agent's history from the store, from its floor (what a prune folded) on. The store comes in
// through `AgentHistories`, so that this module knows nothing of stores.
import type { Engine, EntityHistory } from '../engine/engineTypes.js';
import type { AgentTimeline, AgentTimelineQuery } from './kpiTypes.js';

/** Where an agent's history is read from: a durable store (`entityHistory` in src/store). */
export interface AgentHistories {
  agentHistory(agentId: string): Promise<EntityHistory>;
}

export async function agentTimelineBehind(engine: Engine, histories: AgentHistories, agentId: string, query: AgentTimelineQuery): Promise<AgentTimeline> {
  const keptFrom = engine.agentTimelinesKeptFrom();
  if (keptFrom === null || query.from >= keptFrom) return engine.agentTimeline(agentId, query);
  return engine.agentTimelineFrom(agentId, await histories.agentHistory(agentId), query);
}
