// The lag from a delivery's 2xx on one node to its view on the others. Probes ride in the load:
// every PROBE_EVERY-th body is a Webex agent:login of an agent of its own (`lag-probe-N`, at the
// event time of the delivery before it, so it neither moves the engine's clock nor is late), whose
// 2xx the load process times; each node's GET /changes stream, read here, times when that agent's
// view appears on it. Both clocks are this machine's (epoch ms, sub-ms).

const PROBE_PREFIX = 'lag-probe-';

/** The feed's bodies with a probe after every `every` deliveries; `probes[k]` is the index of probe k. */
export function withProbes(feed: readonly { time: number; line: string }[], every: number): { bodies: string[]; probes: number[] } {
  const bodies: string[] = [];
  const probes: number[] = [];
  feed.forEach((delivery, index) => {
    bodies.push(delivery.line);
    if ((index + 1) % every === 0) {
      probes.push(bodies.length);
      bodies.push(probeBody(probes.length - 1, delivery.time));
    }
  });
  return { bodies, probes };
}

function probeBody(probe: number, time: number): string {
  const agentId = `${PROBE_PREFIX}${probe}`;
  return JSON.stringify({
    id: agentId,
    specversion: '1.0',
    type: 'agent:login',
    source: '/bench/lag-probe',
    comciscoorgid: 'bench',
    datacontenttype: 'application/json',
    data: { agentId, currentState: 'Available', profileType: 'BLENDED', teamId: 'team-lag-probe', createdTime: time },
  });
}

/** Watches one node's change stream: when each probe's view first appeared there. */
export class ProbeWatch {
  /** Probe number → epoch ms it was seen. */
  readonly seen = new Map<number, number>();
  private readonly abort = new AbortController();
  readonly ready: Promise<void>;

  constructor(nodeUrl: string) {
    this.ready = this.open(nodeUrl);
  }

  private async open(nodeUrl: string): Promise<void> {
    const response = await fetch(`${nodeUrl}/changes`, { signal: this.abort.signal });
    if (!response.ok || !response.body) throw new Error(`GET ${nodeUrl}/changes answered ${response.status}`);
    void this.read(response.body.getReader());
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const at = performance.timeOrigin + performance.now();
        pending += decoder.decode(value, { stream: true });
        const messages = pending.split('\n\n');
        pending = messages.pop()!;
        for (const message of messages) this.note(message, at);
      }
    } catch {
      // closed by stop()
    }
  }

  /** An SSE message `event: change` whose data is a view change of a probe's agent. */
  private note(message: string, at: number): void {
    if (!message.includes(PROBE_PREFIX)) return;
    const data = message.split('\n').find((line) => line.startsWith('data: '));
    if (!data) return;
    const change = JSON.parse(data.slice('data: '.length)) as { kind: string; id: string };
    if (change.kind !== 'agent' || !change.id.startsWith(PROBE_PREFIX)) return;
    const probe = Number(change.id.slice(PROBE_PREFIX.length));
    if (!this.seen.has(probe)) this.seen.set(probe, at);
  }

  stop(): void {
    this.abort.abort();
  }
}

/** Per probe, ms from its 2xx until every node but the one that answered shows it (the latest of them). */
export function lagsOf(acks: ReadonlyMap<number, number>, watches: readonly ProbeWatch[]): number[] {
  const lags: number[] = [];
  for (const [probe, ackedAt] of acks) {
    const seenAt = watches.map((watch) => watch.seen.get(probe));
    if (seenAt.some((at) => at === undefined)) throw new Error(`probe ${probe} was acknowledged but not every node showed it`);
    // The node that answered showed it before its 2xx: the latest view is another node's.
    lags.push(Math.max(...(seenAt as number[])) - ackedAt);
  }
  return lags;
}
