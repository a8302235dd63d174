#!/usr/bin/env node
// Runs the official MCP conformance suite (pinned @modelcontextprotocol/conformance) in client mode against
// test/conformance/client.ts, which drives src/core/client. The suite needs Node 24 (cached by ensure-toolchain);
// the client under test runs on this Node with tsx. Prints passed/failed scenario counts; exits 1 on any failure.
// Usage: node scripts/run-conformance.mjs [--suite core] [--scenario NAME]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ensureNode24, ROOT } from './ensure-toolchain.mjs';

const args = process.argv.slice(2);
const pick = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const scenario = pick('--scenario');
const suite = scenario ? undefined : pick('--suite', 'core');
const EXPECTED_CORE = 18;

const node24 = ensureNode24();
const cli = join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
// Bundle the adapter once: 18 scenarios start it in parallel, and a fast start keeps the timing checks
// (e.g. sse-retry's reconnect delay) about the client, not about two busy cores compiling TypeScript.
const outDir = mkdtempSync(join(tmpdir(), 'mcpwb-conformance-'));
const bundle = join(outDir, 'client.cjs');
await esbuild.build({ entryPoints: [join(ROOT, 'test', 'conformance', 'client.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
const clientCmd = `"${process.execPath}" "${bundle}"`;
const runArgs = [cli, 'client', '--command', clientCmd, ...(scenario ? ['--scenario', scenario] : ['--suite', suite]), '--timeout', '30000'];

/** Runs the conformance CLI; resolves with its exit code and combined output. */
async function runConformance(args) {
  const child = spawn(node24, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  const exit = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  return { code: exit, out: text };
}

const { code, out } = await runConformance(runArgs);

// Suite mode prints "✓ name: N passed, M failed" per scenario; single-scenario mode prints "OVERALL: PASSED|FAILED".
const lines = out.split('\n').filter((l) => /^[✓✗] \S+: \d+ passed, \d+ failed/.test(l));
if (scenario) {
  process.stdout.write(out);
  process.exit(code === 0 ? 0 : 1);
}
// The suite runs every scenario at once; on two busy cores a timing check (sse-retry's reconnect delay, 200 ms of
// slack) can warn for want of CPU. A scenario that did not pass is run once more on its own, and says so.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
let rerunPassed = 0;
for (let i = 0; i < lines.length; i++) {
  if (lines[i].startsWith('✓')) continue;
  const name = lines[i].slice(2).split(':')[0];
  const again = await runConformance([cli, 'client', '--command', clientCmd, '--scenario', name, '--timeout', '30000']);
  const detail = again.out.split('\n').filter((l) => /WARNING|FAILURE/.test(l) && !/Failed Checks|0 failed/.test(l)).map((l) => l.replace(ANSI, '').trim());
  if (again.code === 0 && /OVERALL: PASSED/.test(again.out)) {
    lines[i] = `✓ ${name}: passed when run alone (the parallel run said: ${lines[i].slice(2).split(': ')[1]})`;
    rerunPassed++;
  } else {
    lines[i] += `; alone too: ${detail.slice(0, 3).join(' | ') || `exit ${again.code}`}`;
  }
}
for (const l of lines) process.stdout.write(`  ${l}\n`);
const passed = lines.filter((l) => l.startsWith('✓')).length;
const failed = lines.length - passed;
process.stdout.write(`conformance (${suite}): ${passed} scenarios passed${rerunPassed ? ` (${rerunPassed} on a solo re-run)` : ''}, ${failed} failed\n`);
// The test-all harness adds these to its totals (scripts/lib/counts.mjs); a missing scenario counts as failed.
const expected = suite === 'core' ? Math.max(EXPECTED_CORE, lines.length) : lines.length;
process.stdout.write(`[counts] ${JSON.stringify({ tests: expected, passes: passed, failures: expected - passed, pending: 0 })}\n`);
if (lines.length === 0 || failed > 0 || (code !== 0 && rerunPassed === 0) || (suite === 'core' && lines.length !== EXPECTED_CORE)) {
  if (lines.length === 0) process.stdout.write(out.slice(-4000));
  if (suite === 'core' && lines.length !== EXPECTED_CORE) process.stdout.write(`expected ${EXPECTED_CORE} core scenarios, saw ${lines.length}\n`);
  process.exit(1);
}
