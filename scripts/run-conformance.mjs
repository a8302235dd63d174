#!/usr/bin/env node
// Runs the official MCP conformance suite (pinned @modelcontextprotocol/conformance) in client mode against
// test/conformance/client.ts, which drives src/core/client, under both frozen requirement sets: 2025-11-25 (the
// initialize handshake) and 2026-07-28 (stateless, per-request _meta). The suite needs Node 24 (cached by
// ensure-toolchain); the client under test runs on this Node. Prints each scenario, the scored and not-scored counts
// per revision, and a `[counts]` line per revision for the test tiers; exits 1 when a scored scenario fails.
// Usage: node scripts/run-conformance.mjs [--requirements REV] | [--scenario NAME [--spec-version REV]] | [--suite NAME]
//        [--protocol auto]: the adapter negotiates (probes server/discover) instead of taking the wire the suite names
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ensureNode24, ROOT } from './ensure-toolchain.mjs';

const REVISIONS = ['2025-11-25', '2026-07-28'];
const TIMEOUT_MS = '30000';
const args = process.argv.slice(2);
const pick = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const only = pick('--requirements');
if (only && !REVISIONS.includes(only)) {
  process.stderr.write(`--requirements takes one of ${REVISIONS.join(', ')}; got "${only}".\n`);
  process.exit(2);
}

const protocol = pick('--protocol');
if (protocol && protocol !== 'auto') {
  process.stderr.write(`--protocol takes only "auto" (the default is the wire each revision requires); got "${protocol}".\n`);
  process.exit(2);
}

const node24 = ensureNode24();
const cli = join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
// Bundle the adapter once: a requirement set starts it for every scenario in parallel, and a fast start keeps the
// timing checks (e.g. sse-retry's reconnect delay) about the client, not about busy cores compiling TypeScript.
const outDir = mkdtempSync(join(tmpdir(), 'mcpwb-conformance-'));
const bundle = join(outDir, 'client.cjs');
await esbuild.build({ entryPoints: [join(ROOT, 'test', 'conformance', 'client.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
const clientArgs = ['client', '--command', `"${process.execPath}" "${bundle}"`, '--timeout', TIMEOUT_MS];

// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Runs the conformance CLI; resolves with its exit code and combined output (colour codes removed). */
async function conformance(cliArgs) {
  const env = protocol ? { ...process.env, MCPWB_CONFORMANCE_PROTOCOL: protocol } : process.env;
  const child = spawn(node24, [cli, ...cliArgs], { cwd: outDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  return { code, out: plain(text) };
}

// Exploration modes: one scenario (at a revision's wire with --spec-version), or a named suite of today's suite.
if (pick('--scenario') || pick('--suite')) {
  const scenario = pick('--scenario');
  const spec = pick('--spec-version');
  const { code, out } = await conformance([...clientArgs, ...(scenario ? ['--scenario', scenario, '-o', join(outDir, 'results')] : ['--suite', pick('--suite')]), ...(spec ? ['--spec-version', spec, '--force'] : [])]);
  process.stdout.write(out);
  process.exit(code === 0 ? 0 : 1);
}

/** The client scenarios a revision scores, from the suite's own frozen list. */
async function scoredScenarios(revision) {
  const { out } = await conformance(['list', '--requirements', revision]);
  const section = out.split(/\nClient scenarios[^\n]*\n/)[1]?.split(/\n\s*\n/)[0] ?? '';
  return [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]);
}

/** One scenario's verdict from a summary line "✓|✗ name: N passed, M failed[, K warnings]". */
function parseSummary(out) {
  const results = new Map();
  for (const m of out.matchAll(/^[✓✗] (\S+): (\d+) passed, (\d+) failed(?:, (\d+) warnings)?/gm)) {
    results.set(m[1], { passed: Number(m[2]), failed: Number(m[3]), warnings: Number(m[4] ?? 0) });
  }
  return results;
}

/** Not-scored scenarios and the suite's reason for each ("extension", "added-after-release", ...). */
function parseNotScored(out) {
  const section = out.split(/\nNot scored for [^\n]*\n/)[1] ?? '';
  return new Map([...section.matchAll(/^\s+[✓✗] (\S+) \(([^)]+)\)/gm)].map((m) => [m[1], m[2]]));
}

/**
 * A scenario that failed in the parallel run (a requirement set starts all of its scenarios at once, and on two busy
 * cores a client can miss the 30 s limit) is run once more alone at the same wire, and the output says so.
 */
async function runAlone(scenario, revision) {
  const { out } = await conformance([...clientArgs, '--scenario', scenario, '--spec-version', revision, '--force', '-o', join(outDir, 'results')]);
  const m = /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(out);
  const failed = (out.split(/\nFailed Checks:\n/)[1] ?? '').split('\n').filter((l) => /^\s+- /.test(l)).map((l) => l.trim().slice(2));
  if (!m) return { passed: 0, failed: 1, warnings: 0, detail: [out.trim().split('\n').slice(-3).join(' | ')] };
  return { passed: Number(m[1]), failed: Number(m[3]), warnings: Number(m[4]), detail: failed.slice(0, 3) };
}

let anyScoredFailed = false;
for (const revision of only ? [only] : REVISIONS) {
  const expected = await scoredScenarios(revision);
  const { out } = await conformance([...clientArgs, '--requirements', revision]);
  const results = parseSummary(out);
  const notScored = parseNotScored(out);
  if (results.size === 0) process.stdout.write(out.slice(-4000));
  const lines = [];
  const tally = { scored: 0, scoredPassed: 0, alone: 0, extra: new Map() };
  for (const name of [...expected, ...notScored.keys()]) {
    const isScored = expected.includes(name);
    let r = results.get(name);
    let note = '';
    if (!r) note = ' (did not run)';
    else if (r.failed > 0) {
      const again = await runAlone(name, revision);
      if (again.failed === 0) {
        note = ` (passed when run alone; the parallel run had ${r.failed} failed)`;
        r = again;
        tally.alone++;
      } else note = `; alone too: ${again.detail.join(' | ')}`;
    }
    const ok = r !== undefined && r.failed === 0;
    const warn = r?.warnings ? `, ${r.warnings} warning${r.warnings > 1 ? 's' : ''}` : '';
    lines.push(`  ${ok ? '✓' : '✗'} ${name}${isScored ? '' : ` [not scored: ${notScored.get(name)}]`}: ${r ? `${r.passed} checks passed, ${r.failed} failed${warn}` : 'no result'}${note}`);
    if (isScored) {
      tally.scored++;
      if (ok) tally.scoredPassed++;
    } else {
      const reason = notScored.get(name);
      const e = tally.extra.get(reason) ?? { run: 0, passed: 0 };
      e.run++;
      if (ok) e.passed++;
      tally.extra.set(reason, e);
    }
  }
  for (const l of lines) process.stdout.write(`${l}\n`);
  const extra = [...tally.extra].map(([reason, e]) => `${reason} ${e.passed}/${e.run}`).join(', ');
  const alone = tally.alone ? ` (${tally.alone} on a solo re-run)` : '';
  process.stdout.write(`conformance (client, ${revision}${protocol ? `, --protocol ${protocol}` : ''}): ${tally.scoredPassed}/${tally.scored} scored scenarios passed${alone}; not scored: ${extra || 'none'}\n`);
  // The test-all harness adds these to its totals (scripts/lib/counts.mjs); a scored scenario that did not run fails.
  const failures = tally.scored - tally.scoredPassed;
  process.stdout.write(`[counts] ${JSON.stringify({ tests: tally.scored || 1, passes: tally.scoredPassed, failures: tally.scored ? failures : 1, pending: 0 })}\n`);
  if (failures > 0 || tally.scored === 0) anyScoredFailed = true;
}
process.exit(anyScoredFailed ? 1 : 0);
