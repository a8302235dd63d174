#!/usr/bin/env node
// `npm test`: every test tier in order, with per-tier counts, ending with one line `N passed, N failed`.
// Usage: node scripts/test-all.mjs [--only tier1,tier2]
//
// Tiers run in TIERS order. A tier whose `needs` failed is not run and counts as failed (never a silent skip).
// Mocha tiers print `[counts] {...}` (scripts/lib/countingReporter.cjs, test/integration/index.ts); their tests
// are added to the totals. A tier without counts (typecheck, lint, build, toolchain) counts as one check.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ROOT } from './ensure-toolchain.mjs';
import { parseCounts } from './lib/counts.mjs';

const NODE = process.execPath;
const MOCHA = 'node_modules/mocha/bin/mocha.js';
const COUNTING_REPORTER = 'scripts/lib/countingReporter.cjs';

/**
 * The tiers. To add one, add an entry: { name, cmd: [program, ...args], needs?: [tier names], env?, timeoutMin? }.
 * `cmd` runs with cwd = repo root. Exit code 0 = pass. Print `[counts] {"tests":N,"passes":N,"failures":N,
 * "pending":N}` (e.g. with mocha `--reporter scripts/lib/countingReporter.cjs`) to report test counts.
 * A tier needing Node 24 can run a script that calls node24Bin() from ./ensure-toolchain.mjs (the cached Node 24
 * binary; list 'toolchain' in its `needs`, since that tier installs it).
 */
const TIERS = [
  { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'build', cmd: [NODE, 'esbuild.mjs'] },
  { name: 'unit', cmd: [NODE, MOCHA, '--reporter', COUNTING_REPORTER, 'test/unit/**/*.test.ts'] },
  { name: 'toolchain', cmd: [NODE, 'scripts/ensure-toolchain.mjs'] },
  { name: 'integration', cmd: [NODE, 'scripts/run-integration.mjs', '--no-build'], needs: ['build', 'toolchain'] },
  { name: 'conformance-server', cmd: [NODE, 'test/conformance/serverRun.mjs'], needs: ['build', 'toolchain'] },
  { name: 'conformance-client', cmd: [NODE, 'scripts/run-conformance.mjs'], needs: ['toolchain'] },
  { name: 'e2e', cmd: [NODE, 'scripts/run-e2e.mjs'], needs: ['toolchain'] },
];

// Each tier runs in its own process group, so a tier that hangs (or a Ctrl-C) stops everything it started.
const DEFAULT_TIER_TIMEOUT_MIN = 12;
let running;
/** SIGTERM to the tier's group (its launchers then stop their own code-server groups), SIGKILL 5 s later. */
function stopGroup(child) {
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5_000).unref();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (running) stopGroup(running);
    setTimeout(() => process.exit(130), running ? 5_500 : 0);
  });
}

function runTier(tier) {
  return new Promise((resolve) => {
    const [cmd, ...args] = tier.cmd;
    // stdin closed: CI has none, and no tier may wait for input.
    const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...tier.env } });
    running = child;
    let out = '';
    const minutes = tier.timeoutMin ?? DEFAULT_TIER_TIMEOUT_MIN;
    const timer = setTimeout(() => {
      out += `\n[test-all] ${tier.name} did not finish within ${minutes} min; stopped it\n`;
      process.stderr.write(`\n[test-all] ${tier.name} did not finish within ${minutes} min; stopping its process group\n`);
      stopGroup(child);
    }, minutes * 60_000);
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('error', (e) => { out += e.message; });
    child.on('close', (code) => {
      clearTimeout(timer);
      running = undefined;
      // Anything the tier left behind in its group (a stray server) goes with it.
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* nothing left */ }
      resolve({ code: code ?? 1, out });
    });
  });
}

async function main() {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only?.split(',').map((s) => s.trim());
  const tiers = only ? TIERS.filter((t) => only.includes(t.name)) : TIERS;
  const results = [];
  const started = Date.now();
  for (const tier of tiers) {
    const blockedBy = (tier.needs ?? []).filter((n) => results.some((r) => r.name === n && !r.ok));
    if (blockedBy.length) {
      results.push({ name: tier.name, ok: false, seconds: 0, note: `not run: ${blockedBy.join(', ')} failed` });
      continue;
    }
    console.log(`\n=== ${tier.name}: ${tier.cmd.join(' ')}`);
    const t0 = Date.now();
    const { code, out } = await runTier(tier);
    const counts = parseCounts(out);
    // A mocha tier that exits 0 with failures, or non-zero without any, is still a failure.
    const ok = code === 0 && (!counts || counts.failures === 0);
    results.push({ name: tier.name, ok, seconds: (Date.now() - t0) / 1000, counts, note: code !== 0 ? `exit ${code}` : '' });
  }

  let passed = 0;
  let failed = 0;
  console.log('\n=== summary');
  for (const r of results) {
    let detail;
    if (r.counts) {
      passed += r.counts.passes;
      failed += r.counts.failures;
      if (!r.ok && r.counts.failures === 0) failed += 1; // crashed around its tests
      detail = `${r.counts.tests} tests: ${r.counts.passes} passed, ${r.counts.failures} failed${r.counts.pending ? `, ${r.counts.pending} pending` : ''}`;
    } else {
      if (r.ok) passed += 1;
      else failed += 1;
      detail = r.ok ? 'ok' : 'FAILED';
    }
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${detail}${r.note ? ` (${r.note})` : ''}  ${r.seconds.toFixed(1)} s`);
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
}

await main();
