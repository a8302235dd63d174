#!/usr/bin/env node
// Server-mode conformance: the official suite (@modelcontextprotocol/conformance, Node 24) against the gateway
// started through the real CLI (`node dist/cli.js serve --auth none --json`), under both frozen requirement sets:
// 2025-11-25 and 2026-07-28 over serverFixture.mjs (both eras over stdio), then 2026-07-28 through the era bridge
// over serverFixtureLegacy.mjs (the same fixture speaking only 2025). Prints one line per scenario, a summary per
// run, and `[counts] {...}` per scored run for the test tiers; exits 1 if a scored scenario fails.
// Usage: node test/conformance/serverRun.mjs [--requirements REV] [--bridge] [--scenario NAME] [--fault drop-stream] [--cli PATH]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync } from 'node:fs';
import { ensureNode24 } from '../../scripts/ensure-toolchain.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const pick = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const scenario = pick('--scenario');
const fault = pick('--fault');
const only = pick('--requirements');
const cli = resolve(pick('--cli') ?? join(ROOT, 'dist', 'cli.js'));
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run "npm run build" first.`);
  process.exit(1);
}
const FIXTURE = join(ROOT, 'test', 'conformance', 'serverFixture.mjs');
const LEGACY_FIXTURE = join(ROOT, 'test', 'conformance', 'serverFixtureLegacy.mjs');

/** Each run: a requirement set, the fixture behind the gateway, and whether it counts toward the totals. */
const runs = [
  { name: '2025-11-25', requirements: '2025-11-25', fixture: FIXTURE, scored: true },
  { name: '2026-07-28', requirements: '2026-07-28', fixture: FIXTURE, scored: true },
  // Reported, not scored: some 2026-07-28 scenarios need what a 2025-only server cannot give (see README).
  { name: '2026-07-28 via the era bridge', requirements: '2026-07-28', fixture: LEGACY_FIXTURE, scored: false },
].filter((r) => (only ? r.requirements === only : true) && (args.includes('--bridge') ? !r.scored : scenario || only ? r.scored : true));

mkdirSync(join(ROOT, 'test-output'), { recursive: true });
const node24 = ensureNode24();
let anyFailed = false;
for (const run of runs) {
  const { lines, unscored, out } = await runSuite(run);
  if (scenario || !lines.length) process.stdout.write(out.slice(-6000));
  const scored = lines.filter((l) => !unscored.has(nameOf(l)));
  for (const l of scored) process.stdout.write(`  ${l}\n`);
  const passed = scored.filter((l) => l.startsWith('✓')).length;
  const failed = scored.length - passed;
  const extra = lines.filter((l) => unscored.has(nameOf(l)));
  const extraNote = extra.length ? `; not scored by the suite (extensions, pending): ${extra.filter((l) => l.startsWith('✓')).length}/${extra.length}` : '';
  process.stdout.write(`conformance (server, ${run.name}, via the gateway): ${passed}/${scored.length} scored scenarios passed${extraNote}\n`);
  if (!run.scored) continue;
  if (failed > 0 || scored.length === 0) anyFailed = true;
  process.stdout.write(`[counts] ${JSON.stringify({ tests: scored.length || 1, passes: passed, failures: scored.length ? failed : 1, pending: 0 })}\n`);
}
process.exit(anyFailed || runs.length === 0 ? 1 : 0);

async function runSuite(run) {
  const gatewayArgs = [cli, 'serve', '--auth', 'none', '--json', ...(fault ? ['--fault', fault] : []), '--', process.execPath, run.fixture];
  const gateway = spawn(process.execPath, gatewayArgs, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let gatewayLog = '';
  gateway.stderr.on('data', (d) => (gatewayLog += d));
  const stopGateway = () => {
    try {
      process.kill(-gateway.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  let out = '';
  try {
    const ready = await new Promise((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${gatewayLog}`)), 30000);
      createInterface({ input: gateway.stdout }).on('line', (line) => {
        try {
          const msg = JSON.parse(line);
          if (msg.type === 'ready') {
            clearTimeout(timer);
            resolveReady(msg);
          }
        } catch {
          // not a JSON line
        }
      });
      gateway.once('exit', (c) => reject(new Error(`the gateway exited with ${c}: ${gatewayLog}`)));
    });
    const suiteArgs = ['server', '--url', ready.url, ...(scenario ? ['--scenario', scenario] : ['--requirements', run.requirements])];
    const suite = spawn(node24, [join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js'), ...suiteArgs], {
      cwd: join(ROOT, 'test-output'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    suite.stdout.on('data', (d) => (out += d));
    suite.stderr.on('data', (d) => (out += d));
    const killer = setTimeout(() => suite.kill('SIGKILL'), 600_000);
    await new Promise((r) => suite.on('close', r));
    clearTimeout(killer);
  } finally {
    stopGateway();
  }
  // Suite mode prints "✓ name: N passed, M failed" per scenario; one scenario prints its checks, one per line.
  let lines = out.split('\n').filter((l) => /^[✓✗] \S+: \d+ passed, \d+ failed/.test(l));
  if (scenario) {
    // eslint-disable-next-line no-control-regex
    const failures = out.split('\n').filter((l) => /\bFAILURE\b/.test(l.replace(/\x1b\[[0-9;]*m/g, ''))).length;
    lines = [`${failures ? '✗' : '✓'} ${scenario}: checks ${failures ? 'failed' : 'passed'}`];
  }
  // The suite lists the scenarios that do not count toward a revision's conformance (extensions, pending ones).
  // eslint-disable-next-line no-control-regex
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const notScored = plain.split(/\nNot scored for [^\n]*\n/)[1] ?? '';
  const unscored = new Set([...notScored.matchAll(/^\s+[✓✗] (\S+) \(/gm)].map((m) => m[1]));
  return { lines, unscored, out };
}

function nameOf(line) {
  return /^[✓✗] (\S+?):/.exec(line)?.[1];
}
