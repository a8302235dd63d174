#!/usr/bin/env node
// Runs the end-to-end specs (test/e2e/**/*.test.ts) against code-server with the packaged VSIX installed.
// Usage: node scripts/run-e2e.mjs [--no-package] [--grep <regex>]
// Screenshots of every step land in test-output/e2e/<spec>/; see test/e2e/harness.ts for the spec API.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, ensureAll } from './ensure-toolchain.mjs';

const { values: opts } = parseArgs({ options: { 'no-package': { type: 'boolean' }, grep: { type: 'string' } } });

function fail(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
  process.exit(1);
}

try {
  ensureAll();
} catch (e) {
  fail(e.message);
}
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `${name}-${version}.vsix`);
if (!opts['no-package'] || !existsSync(vsix)) {
  const p = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (p.status !== 0) fail('packaging the VSIX failed');
}
if (!existsSync(vsix)) fail(`${vsix} was not produced by scripts/package.mjs`);

const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const args = [
  mocha, '--no-config', '--require', 'tsx/cjs', '--require', 'test/e2e/hooks.ts', '--extension', 'ts',
  '--timeout', '120000', '--slow', '20000', '--reporter', join(ROOT, 'scripts', 'lib', 'countingReporter.cjs'),
  ...(opts.grep ? ['--grep', opts.grep] : []),
  'test/e2e/**/*.test.ts',
];
const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, MCPWB_VSIX: vsix } });
process.exit(r.status ?? 1);
