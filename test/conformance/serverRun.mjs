#!/usr/bin/env node
// Server-mode conformance: the official suite (@modelcontextprotocol/conformance, Node 24) against the gateway
// started through the real CLI (`node dist/cli.js serve --auth none --json`), wrapping serverFixture.mjs over stdio.
// Prints one line per scenario and `[counts] {...}` for the test tiers; exits 1 if any active scenario fails.
// Usage: node test/conformance/serverRun.mjs [--scenario NAME] [--fault drop-stream]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync } from 'node:fs';
import { ensureNode24 } from '../../scripts/ensure-toolchain.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const pick = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const scenario = pick('--scenario');
const fault = pick('--fault');
const cli = join(ROOT, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run "npm run build" first.');
  process.exit(1);
}

mkdirSync(join(ROOT, 'test-output'), { recursive: true });
const gatewayArgs = [cli, 'serve', '--auth', 'none', '--json', ...(fault ? ['--fault', fault] : []), '--', process.execPath, join(ROOT, 'test', 'conformance', 'serverFixture.mjs')];
const gateway = spawn(process.execPath, gatewayArgs, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
let gatewayLog = '';
gateway.stderr.on('data', (d) => (gatewayLog += d));
const ready = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${gatewayLog}`)), 20000);
  createInterface({ input: gateway.stdout }).on('line', (line) => {
    try {
      const msg = JSON.parse(line);
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg);
      }
    } catch {
      // not a JSON line
    }
  });
  gateway.once('exit', (code) => reject(new Error(`the gateway exited with ${code}: ${gatewayLog}`)));
});

const stopGateway = () => {
  try {
    process.kill(-gateway.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
let code = 1;
let out = '';
try {
  const suite = spawn(ensureNode24(), [join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js'), 'server', '--url', ready.url, ...(scenario ? ['--scenario', scenario] : [])], {
    cwd: join(ROOT, 'test-output'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  suite.stdout.on('data', (d) => (out += d));
  suite.stderr.on('data', (d) => (out += d));
  const killer = setTimeout(() => suite.kill('SIGKILL'), 300_000);
  code = await new Promise((resolve) => suite.on('close', resolve));
  clearTimeout(killer);
} finally {
  stopGateway();
}

// Suite mode prints "✓ name: N passed, M failed" per scenario; one scenario prints its checks, one per line.
let lines = out.split('\n').filter((l) => /^[✓✗] \S+: \d+ passed, \d+ failed/.test(l));
if (scenario) {
  process.stdout.write(out.slice(-6000));
  // eslint-disable-next-line no-control-regex
  const failures = out.split('\n').filter((l) => /\bFAILURE\b/.test(l.replace(/\x1b\[[0-9;]*m/g, ''))).length;
  lines = [`${failures || code ? '✗' : '✓'} ${scenario}: checks ${failures ? 'failed' : 'passed'}`];
} else if (!lines.length) process.stdout.write(out.slice(-6000));
for (const l of lines) process.stdout.write(`  ${l}\n`);
const passed = lines.filter((l) => l.startsWith('✓')).length;
const failed = lines.length - passed;
process.stdout.write(`conformance (server, via the gateway): ${passed} scenarios passed, ${failed} failed\n`);
process.stdout.write(`[counts] ${JSON.stringify({ tests: lines.length || 1, passes: passed, failures: lines.length ? failed : 1, pending: 0 })}\n`);
process.exit(code === 0 && failed === 0 && lines.length > 0 ? 0 : 1);
