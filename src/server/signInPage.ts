// The wallboard's sign-in page: what `/` answers (401) to a browser without the read token. A plain
// form that POSTs the token to /session (readAccess.ts), which sets the session's cookie and sends
// the browser back to the wallboard. No script; its few styles carry the response's nonce.
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { htmlAttribute } from './wallboardRoutes.js';

export function signInPage(reply: FastifyReply, base: string, problem: string | undefined): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`)
    .send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>contactstate wallboard: sign in</title>
<style nonce="${nonce}">
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; }
  input, button { font: inherit; padding: 0.3rem 0.5rem; }
  input { width: 100%; box-sizing: border-box; margin: 0.25rem 0 0.75rem; }
  .problem { color: #b3261e; font-weight: 600; }
</style>
</head>
<body>
<main>
<h1>Contact center</h1>
<p>This receiver's wallboard and state are for those who have its read token.</p>
${problem === undefined ? '' : `<p class="problem" role="alert">${problem}</p>\n`}<form method="post" action="${htmlAttribute(base)}/session">
<label for="token">Read token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
<p>The token is kept for this browser session only.</p>
</main>
</body>
</html>
`);
}
