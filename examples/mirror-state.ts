// A client that keeps a copy of a receiver's state document (what GET /state serves) up to date
// through the patch feed, GET /changes?format=patch, with immer's applyPatches; when the stream
// drops it reconnects with Last-Event-ID and gets only what it missed.
//   npx tsx examples/mirror-state.ts http://127.0.0.1:3000      (CONTACTSTATE_READ_TOKEN if the receiver has one)
// prints one line per revision. test/server/mirrorExample.test.ts runs it.
import { pathToFileURL } from 'node:url';
import { applyPatches, enablePatches, type Patch } from 'immer';

enablePatches();

export interface StateDocument {
  revision: number;
  agents: Record<string, { state: string }>;
  tasks: Record<string, { state: string }>;
}

export interface MirrorOptions {
  token?: string | undefined;
  signal: AbortSignal;
  /** Every revision of the copy, as it is reached. */
  onState(state: StateDocument): void;
}

export async function mirrorState(baseUrl: string, { token, signal, onState }: MirrorOptions): Promise<void> {
  let state: StateDocument | undefined;
  let lastId: string | undefined;
  while (!signal.aborted) {
    const headers: Record<string, string> = {};
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (lastId) headers['last-event-id'] = lastId;
    try {
      const response = await fetch(`${baseUrl}/changes?format=patch`, { headers, signal });
      if (response.status === 401) throw new TokenRefused('the receiver wants a read token (CONTACTSTATE_READ_TOKEN)');
      for await (const { event, id, data } of serverSentEvents(response.body!)) {
        if (event === 'document') state = JSON.parse(data) as StateDocument;
        if (event === 'patch') {
          const { revision, patches } = JSON.parse(data) as { revision: number; patches: Patch[] };
          state = { ...applyPatches(state!, patches), revision };
        }
        lastId = id;
        onState(state!);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof TokenRefused) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // dropped: reconnect after a moment
  }
}

class TokenRefused extends Error {}

/** The messages of an event stream: `id:`, `event:` and `data:` lines, a blank line after each. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; id: string; data: string }> {
  let buffered = '';
  for await (const text of body.pipeThrough(new TextDecoderStream())) {
    buffered += text;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const fields = new Map(buffered.slice(0, end).split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      buffered = buffered.slice(end + 2);
      if (fields.has('event') && fields.has('data')) yield { event: fields.get('event')!, id: fields.get('id') ?? '', data: fields.get('data')! };
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = (views: Record<string, { state: string }>) => Object.values(views).length;
  await mirrorState(process.argv[2] ?? 'http://127.0.0.1:3000', {
    token: process.env['CONTACTSTATE_READ_TOKEN']?.split(',')[0],
    signal: new AbortController().signal,
    onState: (state) => console.log(`revision ${state.revision}: ${count(state.agents)} agents, ${count(state.tasks)} tasks`),
  });
}
