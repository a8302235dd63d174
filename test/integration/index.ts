// Entry of the integration suite, run INSIDE a real VS Code extension host (the standard `run(): Promise<void>`
// contract of @vscode/test-electron, also used by the code-server launcher).
//
// How to add tests: put `*.test.ts` files anywhere under test/integration/. esbuild compiles each to
// dist/test/**/*.test.js and this runner loads all of them (mocha BDD: describe/it, `this.timeout`).
// Shared helpers live in test/integration/helpers.ts (getApi, waitFor, workspacePath...).
//
// Launchers (both build first unless --no-build; both copy demo/ to a fresh workspace per run):
//   node scripts/run-integration.mjs            code-server + Chromium (works on these machines)
//   node scripts/run-integration-electron.mjs   desktop VS Code via @vscode/test-electron (needs a download)
// Options: --grep <regex> (or MCPWB_TEST_GREP) selects tests; MCPWB_INTEGRATION_TIMEOUT_MS bounds the run.
// Environment inside the host: MCPWB_TEST_WORKSPACE (the workspace copy), MCPWB_TEST_HOME (a fake HOME holding
// user-level client configs from test/fixtures/user-home), MCPWB_REPO_ROOT (this repo). The code-server launcher
// also puts test/fixtures/vscode-user-mcp.json in place as VS Code's user-level mcp.json.
// The runner prints `[counts] {"tests":N,...}` at the end; scripts/test-all.mjs reads it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000 });
  if (process.env.MCPWB_TEST_GREP) mocha.grep(process.env.MCPWB_TEST_GREP);
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);
  console.log(`[integration] ${files.length} test files in ${__dirname}`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        console.log(`[counts] ${JSON.stringify({ tests: s?.tests ?? 0, passes: s?.passes ?? 0, failures: s?.failures ?? 0, pending: s?.pending ?? 0 })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
