// The patches a subscriber receives, now that the document revises each view from its source's
// change set (src/views/viewFields.ts) rather than from a diff of whole views: applied in order to
// the document it subscribed to, they give exactly `engine.state()` after every step, whatever
// happens — any arrival order, duplicates, events late past the horizon, reconciles, rebuilds from
// a log, channel changes that skip states (gaps), retention taking finished tasks out of memory —
// and the document they give is the one
// built from scratch (a twin engine, taking the same steps, read only at the end) and, for
// arrivals within the horizon, the views of an engine fed what was delivered in event-time order.
import fc from 'fast-check';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { AuthoritativeState } from '../../src/engine/entityMachines.js';
import type { PatchSet } from '../../src/engine/liveDocument.js';
import { storePortOf } from '../../src/engine/storePort.js';
import type { EntityRef } from '../../src/events/canonical.js';
import { createEngine, type Engine, type EngineOptions } from '../../src/index.js';
import { arrivalsWithinHorizon } from '../support/arrivals.js';
import { propertyRuns } from '../support/propertyRuns.js';
import { HOUR, MINUTE } from '../support/timeSteps.js';
import { deliveryOf, ingestAll } from '../support/views.js';
import * as webhook from '../../examples/webex/webhooks.js';
import { feedPlan, renderFeed } from '../support/webexLifecycles.js';

enablePatches();

const withoutRevision = ({ agents, tasks }: { agents: object; tasks: object }) => JSON.stringify({ agents, tasks });

/** A retention of an hour (the sweep runs every 7.5 minutes of the clock), so a step of the clock can let finished tasks go. */
const SHORT: EngineOptions = { horizonMs: 15 * MINUTE, dedupeWindowMs: HOUR, retentionMs: HOUR };

/** Applies every patch set it is sent to the document of the moment it subscribed. */
function patchMirror(engine: Engine): { document: () => string; revisions: number[]; removed: () => number } {
  let mirror: object = engine.state();
  const revisions: number[] = [];
  let removed = 0;
  engine.subscribePatches((set: PatchSet) => {
    mirror = applyPatches(mirror, set.patches);
    revisions.push(set.revision);
    removed += set.patches.filter((patch) => patch.op === 'remove' && patch.path.length === 2).length;
  });
  return { document: () => withoutRevision(mirror as { agents: object; tasks: object }), revisions, removed: () => removed };
}

type Step =
  | { kind: 'arrive' }
  | { kind: 'again'; pick: number }
  | { kind: 'reconcile'; pick: number; state: number }
  | { kind: 'rebuild'; pick: number }
  | { kind: 'channel'; agent: number; type: number; state: number }
  | { kind: 'clock'; hours: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'arrive' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconcile' as const), pick: fc.nat(), state: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rebuild' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('channel' as const), agent: fc.nat(2), type: fc.nat(3), state: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), hours: fc.integer({ min: 1, max: 3 }) }) },
);

const TASK_STATES = ['queued', 'connected', 'held', 'ended', 'closed'] as const;
const CHANNEL_TYPES = ['telephony', 'chat', 'email', 'social'] as const;
/** Channel states in Webex's words; any two in a row may skip states of the lifecycle (a gap). */
const CHANNEL_STATES = ['Available', 'Idle', 'Engaged', 'EngagedOther', 'WrapUp', 'Reserved', 'LoggedOut'] as const;
const AGENT_STATES = ['available', 'idle', 'engaged', 'loggedOut'] as const;

function authorityFor(entity: EntityRef, state: number): AuthoritativeState {
  if (entity.kind === 'task') return { kind: 'task', state: TASK_STATES[state % TASK_STATES.length]!, agents: state % 2 ? ['agent-0'] : [] };
  if (entity.kind === 'agent') return { kind: 'agent', state: AGENT_STATES[state % AGENT_STATES.length]! };
  return { kind: 'channel', state: state % 2 ? 'available' : 'loggedOut' };
}

/** Takes one step on an engine; the same step on two engines does the same to both. */
function take(
  engine: Engine,
  step: Step,
  context: { arrived: ReturnType<typeof deliveryOf>[]; newest: number; ticks: number; steps: number },
  next: ReturnType<typeof deliveryOf> | undefined,
): void {
  const port = storePortOf(engine);
  const entities = context.arrived.flatMap((delivery) => port.eventsOf(delivery).map((event) => event.entity));
  switch (step.kind) {
    case 'arrive':
      if (next) engine.ingest(next);
      return;
    case 'again':
      if (context.arrived.length) engine.ingest(context.arrived[step.pick % context.arrived.length]!);
      return;
    case 'reconcile': {
      const entity = entities[step.pick % Math.max(1, entities.length)];
      if (!entity) return;
      try {
        engine.reconcile(entity, authorityFor(entity, step.state), context.newest, 'property');
      } catch {
        // Refused (before the compacted base): nothing changed, as the twin's refusal says.
      }
      return;
    }
    case 'rebuild': {
      const entity = entities[step.pick % Math.max(1, entities.length)];
      if (entity) port.rebuildEntity(entity, { deliveries: context.arrived, reconciles: [] });
      return;
    }
    case 'channel': {
      // A channel of one of the feed's agents, at the newest time: its states, and its gaps, show in the agent's view.
      const body = webhook.channelStateChange(`channel-${context.steps}`, context.newest, `agent-${step.agent}`, CHANNEL_TYPES[step.type]!, CHANNEL_STATES[step.state]!);
      engine.ingest({ source: 'webex', body: JSON.stringify(body) });
      return;
    }
    case 'clock': {
      // Two deliveries at the new time: a step of the clock waits for a second to confirm it.
      const time = context.newest + step.hours * HOUR;
      for (const confirm of ['', '-confirmed']) {
        engine.ingest({ source: 'webex', body: JSON.stringify(webhook.agentStateChange(`clock-${context.ticks}${confirm}`, time, 'clock-agent', 'available')) });
      }
      return;
    }
  }
}

const scripts = feedPlan({ maxAgents: 3, maxTasks: 4 })
  .map(renderFeed)
  .chain((feed) => fc.tuple(fc.shuffledSubarray(feed, { minLength: feed.length }), fc.array(step, { minLength: feed.length, maxLength: 2 * feed.length })));

describe('the patch feed, from the views’ change sets', () => {
  it('rebuilds engine.state() after every step: any order, duplicates, late events, reconciles, rebuilds, channel gaps and retention; and ends in the document built from scratch', () => {
    // The steps must do what they are there for, in some runs at least.
    const seen = { removed: 0, late: 0, reconciled: 0, gaps: 0 };
    const numRuns = propertyRuns(100);
    fc.assert(
      fc.property(scripts, ([arrivals, steps]) => {
        const engine = createEngine(SHORT);
        const twin = createEngine(SHORT);
        const mirror = patchMirror(engine);
        const context = { arrived: [] as ReturnType<typeof deliveryOf>[], newest: 0, ticks: 0, steps: 0 };
        let position = 0;
        for (const current of steps) {
          const next = current.kind === 'arrive' && position < arrivals.length ? arrivals[position++]! : undefined;
          take(engine, current, context, next && deliveryOf(next));
          take(twin, current, context, next && deliveryOf(next));
          if (next) {
            context.arrived.push(deliveryOf(next));
            context.newest = Math.max(context.newest, next.time);
          }
          if (current.kind === 'clock') {
            context.newest += current.hours * HOUR;
            context.ticks++;
          }
          context.steps++;
          const state = withoutRevision(engine.state());
          if (mirror.document() !== state) expect(JSON.parse(mirror.document())).toEqual(JSON.parse(state));
        }
        expect(mirror.revisions).toEqual(mirror.revisions.map((_revision, index) => index + 1));
        const fromScratch = withoutRevision(twin.state());
        if (mirror.document() !== fromScratch) expect(JSON.parse(mirror.document())).toEqual(JSON.parse(fromScratch));
        seen.removed += mirror.removed();
        seen.late += engine.stats().outcomes.late;
        seen.reconciled += steps.filter((taken) => taken.kind === 'reconcile').length;
        seen.gaps += engine.agents().reduce((sum, agent) => sum + agent.gaps, 0);
      }),
      { numRuns },
    );
    if (numRuns >= 50) expect(Math.min(...Object.values(seen))).toBeGreaterThan(0);
  }, 120_000);

  it('ends, for arrivals within the horizon with duplicates and loss, in the views of an engine fed what was delivered in order', () => {
    const horizonMs = 15 * MINUTE;
    const feeds = feedPlan({ maxAgents: 3, maxTasks: 4 })
      .map(renderFeed)
      .chain((feed) => arrivalsWithinHorizon(feed, horizonMs));
    fc.assert(
      fc.property(feeds, ({ delivered, arrivals }) => {
        const engine = createEngine({ horizonMs });
        const mirror = patchMirror(engine);
        for (const arrival of arrivals) engine.ingest(deliveryOf(arrival));
        const inOrder = ingestAll(delivered, { horizonMs });
        const expected = withoutRevision(inOrder.state());
        if (mirror.document() !== expected) expect(JSON.parse(mirror.document())).toEqual(JSON.parse(expected));
      }),
      { numRuns: propertyRuns(100) },
    );
  }, 120_000);
});
