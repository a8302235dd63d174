#!/usr/bin/env node
// Runs the same integration suite in desktop VS Code via @vscode/test-electron (downloads VS Code into
// .vscode-test/ on first use; needs network access to update.code.visualstudio.com and a display or xvfb-run).
// Usage: node scripts/run-integration-electron.mjs [--no-build] [--grep <regex>] [--version <vscode version>]
// On machines without that download (like the CI here) use scripts/run-integration.mjs (code-server) instead.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './ensure-toolchain.mjs';
import { tempDir } from './lib/codeServer.mjs';
import { copyDemoWorkspace } from './lib/workspace.mjs';

const { values: opts } = parseArgs({ options: { 'no-build': { type: 'boolean' }, grep: { type: 'string' }, version: { type: 'string' } } });

if (!opts['no-build']) {
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const testsEntry = join(ROOT, 'dist', 'test', 'index.js');
if (!existsSync(testsEntry)) {
  console.error(`[integration-electron] ${testsEntry} is missing; run "npm run build" first`);
  process.exit(1);
}
const workspace = copyDemoWorkspace('integration-electron');
const home = tempDir('home');
cpSync(join(ROOT, 'test', 'fixtures', 'user-home'), home, { recursive: true });
const userDataDir = tempDir('ud');
try {
  await runTests({
    version: opts.version ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: testsEntry,
    extensionTestsEnv: {
      MCPWB_TEST_WORKSPACE: workspace,
      MCPWB_TEST_HOME: home,
      MCPWB_REPO_ROOT: ROOT,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      ...(opts.grep ? { MCPWB_TEST_GREP: opts.grep } : {}),
    },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userDataDir}`],
  });
  process.exitCode = 0;
} catch (e) {
  const msg = String(e.message ?? e);
  const offline = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|download/i.test(msg);
  console.error(`[integration-electron] ${offline ? `could not download VS Code (${msg}); where it cannot be downloaded run the same suite in code-server: node scripts/run-integration.mjs` : msg}`);
  process.exitCode = 1;
} finally {
  for (const d of [workspace, home, userDataDir]) rmSync(d, { recursive: true, force: true });
}
