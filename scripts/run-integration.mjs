#!/usr/bin/env node
// Runs the integration suite (dist/test/index.js, mocha) inside code-server's real extension host, driven by
// Chromium. Usage: node scripts/run-integration.mjs [--no-build] [--grep <regex>] [--keep]
// Exits 0 only when the suite's run() resolved (the smoke-test driver's codeAutomationExit(0)).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync, appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format, parseArgs } from 'node:util';
import { ROOT, ensureAll } from './ensure-toolchain.mjs';
import { startCodeServer, tempDir } from './lib/codeServer.mjs';
import { launchChromium } from './lib/browser.mjs';
import { copyDemoWorkspace } from './lib/workspace.mjs';

const { values: opts } = parseArgs({ options: { 'no-build': { type: 'boolean' }, grep: { type: 'string' }, keep: { type: 'boolean' } } });
const TIMEOUT_MS = Number(process.env.MCPWB_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);
// The suite normally starts about 10 s after the page opens; a workbench that never gets there fails sooner.
const START_TIMEOUT_MS = 3 * 60_000;
const OUT_DIR = join(ROOT, 'test-output', 'integration');
const WINDOW_LOG = join(OUT_DIR, 'window.log');

// The window logs a lot besides our suite; the console shows only what the suite prints between its first line
// and its counts line (everything goes to test-output/integration/window.log, whose tail is shown on failure).
const SUITE_START = '[integration] ';
const SUITE_END = '[counts] ';

function fail(msg) {
  process.stderr.write(`[integration] ${msg}\n`);
  process.exit(1);
}

async function main() {
  const started = Date.now();
  try {
    ensureAll();
  } catch (e) {
    fail(e.message);
  }
  if (!opts['no-build']) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) fail('the build failed; fix it before running the integration suite');
  }
  const testsEntry = join(ROOT, 'dist', 'test', 'index.js');
  if (!existsSync(testsEntry)) fail(`${testsEntry} is missing; run "npm run build" first`);
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) fail('dist/extension.js is missing; run "npm run build" first');

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(WINDOW_LOG, '');
  const workspace = copyDemoWorkspace('integration');
  // A fake HOME with user-level client configs, so the Servers view's user section is deterministic.
  const home = tempDir('home');
  const fixtureHome = join(ROOT, 'test', 'fixtures', 'user-home');
  if (existsSync(fixtureHome)) cpSync(fixtureHome, home, { recursive: true });

  // VS Code's own user-level mcp.json lives in the User folder of the user-data dir.
  const userDataDir = tempDir('ud');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  cpSync(join(ROOT, 'test', 'fixtures', 'vscode-user-mcp.json'), join(userDataDir, 'User', 'mcp.json'));
  const server = await startCodeServer({ userDataDir, onOutput: (l) => appendFileSync(WINDOW_LOG, `[server] ${l}\n`) });
  const browser = await launchChromium();
  let exitCode = 1;
  try {
    const page = await browser.newPage();
    const done = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code, logs) => {
        if (Array.isArray(logs)) for (const l of logs) appendFileSync(WINDOW_LOG, `[exit-log] ${format(l)}\n`);
        resolve(Number(code));
      });
    });
    let printing = false;
    let suiteStarted = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      appendFileSync(WINDOW_LOG, `[${type}] ${text}\n`);
      if (text.startsWith(SUITE_START)) printing = suiteStarted = true;
      if (printing) process.stdout.write(`${text.replace(/\n$/, '')}\n`);
      if (text.startsWith(SUITE_END)) printing = false;
    });
    page.on('pageerror', (e) => appendFileSync(WINDOW_LOG, `[pageerror] ${e.message}\n`));

    const env = {
      MCPWB_TEST_WORKSPACE: workspace,
      MCPWB_TEST_HOME: home,
      MCPWB_REPO_ROOT: ROOT,
      MCPWB_CODE_SERVER: '1',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      ...(opts.grep || process.env.MCPWB_TEST_GREP ? { MCPWB_TEST_GREP: opts.grep ?? process.env.MCPWB_TEST_GREP } : {}),
    };
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(testsEntry)],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    console.log(`[integration] code-server ${server.url} (pid ${server.pid}), workspace ${workspace}`);
    await page.goto(server.workbenchUrl(workspace, payload));
    let timer;
    let startTimer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
      startTimer = setTimeout(() => !suiteStarted && resolve('no-start'), START_TIMEOUT_MS);
    });
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    clearTimeout(startTimer);
    if (result === 'timeout' || result === 'no-start') {
      await page.screenshot({ path: join(OUT_DIR, 'timeout.png') }).catch(() => {});
      const what = result === 'timeout' ? `did not finish within ${TIMEOUT_MS / 1000} s` : `did not start within ${START_TIMEOUT_MS / 1000} s of opening the workbench`;
      process.stderr.write(`[integration] the suite ${what}; see ${WINDOW_LOG} and test-output/integration/timeout.png\n`);
    } else {
      exitCode = result;
      if (exitCode !== 0) {
        // When the suite never started (a missing or crashing test module), the reason is in the window log.
        if (!suiteStarted) {
          const lines = readFileSync(WINDOW_LOG, 'utf8').split('\n').filter((l) => /^\[(error|warn|pageerror)\]/.test(l) && !/gallery|open-vsx|github/i.test(l));
          process.stderr.write(`${lines.slice(-30).join('\n')}\n`);
        }
        process.stderr.write(`[integration] the suite failed (codeAutomationExit ${exitCode}); full window log: ${WINDOW_LOG}\n`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    if (!opts.keep) for (const d of [workspace, home, userDataDir]) rmSync(d, { recursive: true, force: true });
  }
  console.log(`[integration] finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(exitCode);
}

main().catch((e) => fail(e.stack ?? String(e)));
