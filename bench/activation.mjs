#!/usr/bin/env node
// Activation time of the extension inside code-server's real extension host, development bundle vs
// production bundle, side by side. Each sample is a fresh code-server window running only the activation test.
// Usage: node bench/activation.mjs [--runs N]   (default 3 per bundle; about 10 s per run)
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../scripts/ensure-toolchain.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Math.min(10, Number(values.runs)));
const PATTERN = /activation time in the extension host: ([\d.]+) ms/;

function build(production) {
  const r = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  return statSync(join(ROOT, 'dist', 'extension.js')).size;
}

function sample() {
  const r = spawnSync(process.execPath, ['scripts/run-integration.mjs', '--no-build', '--grep', 'activates and reports'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  const m = PATTERN.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) throw new Error(`integration run failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-2000)}\n${(r.stderr ?? '').slice(-2000)}`);
  return Number(m[1]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = {};
try {
  for (const [label, production] of [['development', false], ['production', true]]) {
    const size = build(production);
    // The integration suite is compiled by the development build only; it stays in dist/test for the production run.
    const samples = Array.from({ length: runs }, sample);
    results[label] = { size, samples, median: median(samples) };
    console.log(`${label.padEnd(12)} extension.js ${(size / 1024).toFixed(1)} KiB  activation ms: ${samples.map((s) => s.toFixed(1)).join(', ')}  (median ${median(samples).toFixed(1)})`);
  }
} finally {
  build(false); // leave the development build in dist/ as the other scripts expect
}
const { development: d, production: p } = results;
console.log(`\nactivation median: development ${d.median.toFixed(1)} ms | production ${p.median.toFixed(1)} ms | production/development ${(p.median / d.median).toFixed(2)}x`);
console.log(`bundle size:       development ${(d.size / 1024).toFixed(1)} KiB | production ${(p.size / 1024).toFixed(1)} KiB | production/development ${(p.size / d.size).toFixed(2)}x`);
