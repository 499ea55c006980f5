// @ts-check
// The queue panel's rows, from the queue KPIs the feed sends (`event: queue`): pure, so that the
// page only renders them. Service level is today's (docs/kpis.md), against the receiver's target.

/** @typedef {import('../kpi/kpiTypes.js').QueueKpis} QueueKpis */

/**
 * One row per queue, in queue id order: today's service level and whether it meets the target (null
 * while it has no denominator), tasks waiting now, the longest wait now, tasks abandoned today.
 * @param {Iterable<QueueKpis>} queues
 * @param {number} target 0..1
 */
export function queueRows(queues, target) {
  return [...queues]
    .sort((a, b) => (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0))
    .map((kpis) => {
      const serviceLevel = kpis.today.serviceLevel;
      return {
        id: kpis.queueId,
        serviceLevel,
        meetsTarget: serviceLevel === null ? null : serviceLevel >= target,
        waiting: kpis.live.waiting,
        longestWaitMs: kpis.live.longestWaitMs,
        abandoned: kpis.today.abandoned,
      };
    });
}

/**
 * `33 %`, `100 %`: whole percent, rounded down, so that a level just under the target never reads as meeting it.
 * @param {number} ratio
 */
export const formatPercent = (ratio) => `${Math.floor(ratio * 100 + 1e-9)} %`;
