// GET /changes?format=patch: the state document as a feed of patch sets (DESIGN §6). A client that
// brings no resume point, or one this receiver cannot serve from its ring, first gets the whole
// document (`event: document`, data `{revision, agents, tasks}`); then one `event: patch` per new
// revision, data `{revision, patches, corrected}` with immer's patches (paths as arrays). Every
// message's `id` is `<epoch>-<revision>`: EventSource sends the last one back as `Last-Event-ID`
// when it reconnects, and the stream resumes after it.
// Queue KPIs are not in the document (its shape is the `replay` document's): with `&queues=1` (and KPIs kept), every
// queue's current KPIs follow the document or the missed patch sets as `event: queue` (data
// `{kind: 'queue', id, view, corrected}`, as on the view feed), then each change of them. They carry
// no id: resuming is by revision, and a resumed stream sends every queue again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Engine } from '../engine/engineTypes.js';
import { type EventStreamOptions, openEventStream } from './eventStream.js';
import { parseResumePoint, type PatchRing, type ResumePoint } from './patchRing.js';

/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 1000;

export function streamPatches(
  request: FastifyRequest<{ Querystring: { since?: string } }>,
  reply: FastifyReply,
  engine: Engine,
  ring: PatchRing,
  options: EventStreamOptions,
  withQueues: boolean,
): FastifyReply | undefined {
  // The header is newer than the query: EventSource reconnects to the same URL with the last id it got.
  const header = request.headers['last-event-id'];
  const said = typeof header === 'string' && header !== '' ? header : request.query.since;
  let point: ResumePoint | undefined;
  if (said !== undefined) {
    point = parseResumePoint(said);
    if (!point) {
      return reply.code(400).send({ error: 'bad_request', reason: `a resume point is a revision or an id this feed sent ("<epoch>-<revision>"), not "${said.slice(0, 64)}"` });
    }
  }
  const stream = openEventStream(request, reply, options, `retry: ${RETRY_MS}\n`);
  const current = engine.state();
  const missed = point ? ring.after(point, current.revision) : undefined;
  if (missed === undefined) stream.send('document', current, ring.idOf(current.revision));
  else for (const set of missed) stream.send('patch', set, ring.idOf(set.revision));
  stream.onClose(ring.listen((set) => stream.send('patch', set, ring.idOf(set.revision))));
  if (!withQueues) return undefined;
  for (const view of engine.queues()) stream.send('queue', { kind: 'queue', id: view.queueId, view, corrected: false });
  stream.onClose(
    engine.subscribe((change) => {
      if (change.kind === 'queue') stream.send('queue', change);
    }),
  );
  return undefined;
}
