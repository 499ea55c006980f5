// A feed posted in order to /webhooks/webex with autocannon over a fixed number of loopback
// connections, spread round-robin over one or more receivers (autocannon gives connection i the
// i-th URL, modulo their number), bounded by the feed's length and a time limit.
import autocannon from 'autocannon';

const LIMIT_SECONDS = 120;

export interface PostFeedOptions {
  urls: readonly string[];
  connections: number;
  bodies: readonly string[];
  /** Called with each answer: the body's index in `bodies`, the status and when it came (epoch ms, sub-ms). */
  onAnswer?: (index: number, status: number, at: number) => void;
}

export interface PostedFeed {
  result: autocannon.Result;
  /** From the first request to the last answer. */
  seconds: number;
}

/** What a connection remembers between its request and its answer. */
interface Connection {
  index: number;
}

export function postFeed({ urls, connections, bodies, onAnswer }: PostFeedOptions): Promise<PostedFeed> {
  let next = 0;
  const started = performance.now();
  let lastAnswer = started;
  return new Promise((resolve, reject) => {
    const run = autocannon(
      {
        // autocannon takes several URLs (its types say one).
        url: urls as unknown as string,
        connections,
        amount: bodies.length,
        duration: LIMIT_SECONDS,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/webhooks/webex',
            headers: { 'content-type': 'application/json' },
            // Each request takes the next body, so the feed arrives in order (give or take the
            // requests in flight); the connection's context remembers which one it sent.
            setupRequest: (request, context) => {
              (context as Connection).index = next;
              return { ...request, body: bodies[next++ % bodies.length]! };
            },
            onResponse: (status, _body, context) => onAnswer?.((context as Connection).index, status, performance.timeOrigin + performance.now()),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve({ result, seconds: (lastAnswer - started) / 1000 })),
    );
    // autocannon notices that `amount` is reached only on its once-a-second sample tick, so its
    // `duration` is rounded up to whole seconds (up to 25 % off on a 4 s run): time to the last answer.
    run.on('response', () => (lastAnswer = performance.now()));
  });
}
