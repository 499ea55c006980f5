// Who may read: the read token. The receiver faces the internet to take webhooks; everything else on
// its port (the views with callers' numbers, the dead letters with whole bodies and headers, the
// metrics, the change feeds, the wallboard) answers only a request that carries an accepted token.
// A route opts out explicitly with `config: { withoutReadToken: true }` (the webhooks, /healthz),
// so a route added later is guarded unless it says otherwise.
//
// How the token travels:
// - API clients, curl, Prometheus: `Authorization: Bearer <token>`.
// - The wallboard: EventSource cannot set a header, so the page's sign-in form POSTs the token once
//   to /session, which answers with a cookie holding it: HttpOnly (no script on the page, injected
//   or not, can read it), SameSite=Strict (no other site's page can make the browser send it), no
//   expiry (it ends with the browser session), Secure when the request came over TLS. EventSource
//   and fetch then send it by themselves. Not a query parameter: a URL is written to proxy logs
//   and browser history and sent on in Referer headers. Not sessionStorage: a script can read it.
//
// Several tokens are accepted at once, for rotation. Each candidate is compared with every accepted
// token through SHA-256 digests and timingSafeEqual, without stopping at a match, so the time taken
// says neither how much of a token was right nor which one matched.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signInPage } from './signInPage.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without the read token (webhooks, health). */
    withoutReadToken?: boolean;
  }
}

const READ_COOKIE = 'contactstate_read';

/** A token: at least 16 characters, all of them allowed in a cookie and a header unquoted. */
export const READ_TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,512}$/;

/** Whether a candidate is one of the accepted tokens, in time independent of where it differs. */
export function readTokenCheck(tokens: readonly string[]): (candidate: string | undefined) => boolean {
  const accepted = tokens.map(digest);
  return (candidate) => {
    if (candidate === undefined) return false;
    const presented = digest(candidate);
    let matched = false;
    for (const token of accepted) matched = timingSafeEqual(token, presented) || matched;
    return matched;
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The token a request carries: its bearer token, else its read cookie. */
function presentedToken(request: FastifyRequest): string | undefined {
  const bearer = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? cookie(request.headers.cookie, READ_COOKIE);
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** Guards every route of `app` (but those that opt out) and adds the sign-in route, POST /session. */
export function guardReads(app: FastifyInstance, tokens: readonly string[]): void {
  // The cookie carries a token as it is: one it cannot carry, or a short one, is a bad option.
  const bad = tokens.find((token) => !READ_TOKEN_PATTERN.test(token));
  if (bad !== undefined) throw new Error(`readTokens: a read token is 16 to 512 characters from A-Z a-z 0-9 . _ ~ + / = -; one given (${bad.length} characters) is not`);
  const accepted = readTokenCheck(tokens);
  const base = app.prefix;

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.withoutReadToken || accepted(presentedToken(request))) return;
    return refuse(request, reply, base, 'the read token is missing or not accepted');
  });

  // The page's sign-in form posts here (a plain form: no script needed to sign in).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.post<{ Body: { token?: unknown } | undefined }>('/session', { config: { withoutReadToken: true }, bodyLimit: 4096 }, async (request, reply) => {
    const token = request.body?.token;
    if (typeof token !== 'string' || !accepted(token)) return refuse(request, reply, base, 'that token is not accepted');
    const secure = request.protocol === 'https' ? '; Secure' : '';
    return reply
      .code(303)
      .header('set-cookie', `${READ_COOKIE}=${token}; Path=${base || '/'}; HttpOnly; SameSite=Strict${secure}`)
      .header('location', `${base}/`)
      .send();
  });
}

/** 401: the sign-in page to a browser asking for the page, a JSON reason to everything else. */
function refuse(request: FastifyRequest, reply: FastifyReply, base: string, reason: string): FastifyReply {
  reply.code(401).header('www-authenticate', 'Bearer realm="contactstate"').header('cache-control', 'no-store');
  const page = request.method === 'POST' || request.routeOptions.url === `${base}/` || request.routeOptions.url === base;
  if (page) return signInPage(reply, base, request.method === 'POST' ? 'That token is not accepted.' : undefined);
  return reply.send({ error: 'unauthorized', reason });
}
