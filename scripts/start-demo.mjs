#!/usr/bin/env node
// `npm start`: builds and packages the extension, installs the VSIX into code-server and serves the demo
// workspace at http://127.0.0.1:8080 until Ctrl-C. Usage: node scripts/start-demo.mjs [--port N] [--no-check]
// (PORT=N works too). Before printing "ready" it opens the page in headless Chromium and checks that the
// extension is active and its Servers view lists the demo server (skip with --no-check).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, CACHE, ensureAll } from './ensure-toolchain.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { launchChromium } from './lib/browser.mjs';
import { DEMO_DIR } from './lib/workspace.mjs';

const started = Date.now();
const { values: opts } = parseArgs({ options: { port: { type: 'string' }, 'no-check': { type: 'boolean' } } });
const port = Number(opts.port ?? process.env.PORT ?? 8080);
const say = (msg) => console.log(`[start] ${msg}`);
const fail = (msg) => {
  process.stderr.write(`[start] ${msg}\n`);
  process.exit(1);
};

function portIsFree(p) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Opens the workbench once and checks that MCP Workbench is active with the demo server listed. */
async function checkExtensionActive(url) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    const icon = page.locator('.part.activitybar [aria-label^="MCP Workbench"]').first();
    await icon.waitFor({ state: 'visible', timeout: 60_000 });
    await icon.click();
    const row = page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^demo$/ }) }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    return (await row.innerText()).replace(/\s+/g, ' ').trim();
  } finally {
    await browser.close();
  }
}

if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`--port must be a TCP port number, got ${opts.port ?? process.env.PORT}`);
if (!(await portIsFree(port))) fail(`port ${port} on 127.0.0.1 is in use; stop what uses it or pick another with --port N (or PORT=N)`);
try {
  ensureAll();
} catch (e) {
  fail(e.message);
}
const pkg = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (pkg.status !== 0) fail('packaging failed (see above)');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `${name}-${version}.vsix`);

// The demo keeps its user data between runs (open editors, layout); the VSIX is reinstalled every time.
const userDataDir = join(CACHE, 'demo', 'user-data');
const extensionsDir = join(CACHE, 'demo', 'extensions');
mkdirSync(userDataDir, { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
say(`installing ${vsix} into code-server`);
const server = await startCodeServer({ port, userDataDir, extensionsDir, vsix, folder: DEMO_DIR, keepDirs: true, handleSignals: false });
const url = `${server.url}/?folder=${encodeURIComponent(DEMO_DIR)}`;

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping code-server (process group ${server.pid})`);
  await server.stop();
  process.exit(0);
};
void server.exited.then(({ code, signal }) => {
  if (!stopping) fail(`code-server exited on its own (${signal ?? `exit ${code}`}):\n${server.logTail()}`);
});
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

if (!opts['no-check']) {
  try {
    const row = await checkExtensionActive(url);
    say(`extension active; Servers view shows: ${row}`);
  } catch (e) {
    process.stderr.write(`[start] the workbench came up but MCP Workbench did not show the demo server: ${e.message}\n${server.logTail()}\n`);
    await server.stop();
    process.exit(1);
  }
}
say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n  MCP Workbench demo: ${url}\n  (code-server ${server.url}, workspace ${DEMO_DIR}; Ctrl-C stops it)\n`);
