// A known feed for the queue routes, gauges and wallboard panel: five Webex tasks in two queues,
// with what the KPIs of it are, worked out by hand (docs/kpis.md has the formulas).
// q1 (telephony): A waits 10 s and is answered (within the 20 s threshold), B waits 30 s and is
// answered, C ends after 2 s unanswered (a short abandon: under 5 s), D ends after 40 s unanswered.
// q2 (chat): E is still waiting.
import type { Delivery } from '../../src/index.js';
import { at, taskDeliveries } from '../kpi/webexTasks.js';

export const FEED_END = at(120);

export function queueFeed(): Delivery[] {
  return [
    ...taskDeliveries('task-a', [{ do: 'queue', at: 0 }, { do: 'ring', at: 5, agent: 'agent-1' }, { do: 'answer', at: 10, agent: 'agent-1' }, { do: 'end', at: 70, agent: 'agent-1' }]),
    ...taskDeliveries('task-b', [{ do: 'queue', at: 20 }, { do: 'ring', at: 40, agent: 'agent-2' }, { do: 'answer', at: 50, agent: 'agent-2' }, { do: 'end', at: 110, agent: 'agent-2' }]),
    ...taskDeliveries('task-c', [{ do: 'queue', at: 30 }, { do: 'end', at: 32 }]),
    ...taskDeliveries('task-d', [{ do: 'queue', at: 60 }, { do: 'end', at: 100 }]),
    ...taskDeliveries('task-e', [{ do: 'queue', at: 90 }], { queueId: 'q2', channelType: 'chat' }),
  ].sort((a, b) => eventTime(a) - eventTime(b));
}

/** What the panel and the gauges show for q1 and q2 (today: the feed's whole day so far). */
export const EXPECTED = {
  q1: { entered: 4, answered: 2, answeredWithinThreshold: 1, abandoned: 2, shortAbandoned: 1, serviceLevel: 1 / 3, waiting: 0 },
  q2: { entered: 1, answered: 0, answeredWithinThreshold: 0, abandoned: 0, shortAbandoned: 0, waiting: 1 },
};

const eventTime = (delivery: Delivery) => (JSON.parse(String(delivery.body)) as { data: { createdTime: number } }).data.createdTime;
