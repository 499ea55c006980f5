// The wallboard at `/` (DESIGN §5: "its page at `/` is a live wallboard"): one HTML page and a few
// ES modules, all served from here — the page's own (src/wallboard/, served as written, no build
// step) and preact, htm and immer from node_modules — so the page needs nothing from elsewhere
// (no CDN, no external fonts). The state names it counts by come from src/events/states.ts.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AGENT_STATES, CHANNEL_STATES, CHANNEL_TYPES, TASK_STATES } from '../events/states.js';
import { packageRoot } from './demoFeeds.js';

interface Asset {
  type: string;
  body: string;
}

const PAGE_MODULES = ['main.js', 'board.js', 'components.js', 'mirror.js', 'queues.js'];
const JS = 'text/javascript; charset=utf-8';

/** The vendored modules: the browser name the import map gives each, and its ES module file. */
const VENDOR: { name: string; file: string; from: [pkg: string, path: string] }[] = [
  { name: 'preact', file: 'preact.mjs', from: ['preact', 'dist/preact.mjs'] },
  { name: 'htm', file: 'htm.mjs', from: ['htm', 'dist/htm.mjs'] },
  // The production build: the other reads process.env, which a browser does not have.
  { name: 'immer', file: 'immer.mjs', from: ['immer', 'dist/immer.production.mjs'] },
];

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const pageDir = join(packageRoot(), 'src', 'wallboard');
  for (const file of PAGE_MODULES) assets.set(file, { type: JS, body: readFileSync(join(pageDir, file), 'utf8') });
  assets.set('wallboard.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(pageDir, 'wallboard.css'), 'utf8') });
  for (const { file, from } of VENDOR) assets.set(`vendor/${file}`, { type: JS, body: readFileSync(join(packageDir(from[0]), from[1]), 'utf8') });
  return assets;
}

/** An installed package's folder: up from its entry point (not every package exports its package.json). */
function packageDir(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!isPackageFolder(dir, name)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = parent;
  }
  return dir;
}

function isPackageFolder(dir: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

export interface WallboardOptions {
  /** The service level the queue panel compares each queue's with, 0..1. */
  serviceLevelTarget: number;
}

export async function wallboardRoutes(app: FastifyInstance, options: WallboardOptions): Promise<void> {
  const assets = loadAssets();
  const base = app.prefix;
  const config = {
    base,
    serviceLevelTarget: options.serviceLevelTarget,
    states: { agent: AGENT_STATES, channel: CHANNEL_STATES, channelTypes: CHANNEL_TYPES, task: TASK_STATES },
  };
  const importMap = { imports: Object.fromEntries(VENDOR.map(({ name, file }) => [name, `${base}/wallboard/vendor/${file}`])) };

  app.get('/', async (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`)
      .send(page(nonce, base, JSON.stringify(importMap), JSON.stringify(config)));
  });

  app.get<{ Params: { '*': string } }>('/wallboard/*', async (request, reply) => {
    const asset = assets.get(request.params['*']);
    if (!asset) return reply.code(404).send({ error: 'not_found', reason: `no wallboard file "${request.params['*'].slice(0, 64)}"` });
    return reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body);
  });
}

/** JSON inside a <script> element: `<` escaped, so that no value can close the element. */
const scriptJson = (json: string) => json.replaceAll('<', '\\u003c');
export const htmlAttribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

function page(nonce: string, base: string, importMap: string, config: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>contactstate wallboard</title>
<link rel="stylesheet" href="${htmlAttribute(base)}/wallboard/wallboard.css">
<script type="importmap" nonce="${nonce}">${scriptJson(importMap)}</script>
<script type="application/json" id="wallboard-config">${scriptJson(config)}</script>
<script type="module" src="${htmlAttribute(base)}/wallboard/main.js"></script>
</head>
<body>
<div id="wallboard"><header><h1>Contact center</h1><p role="status">Loading…</p></header></div>
<noscript><p>The wallboard needs JavaScript. The same state is served as JSON at <a href="${htmlAttribute(base)}/state">${htmlAttribute(base)}/state</a>.</p></noscript>
</body>
</html>
`;
}
