#!/usr/bin/env node
// Builds the production bundles and packages them into <name>-<version>.vsix with @vscode/vsce.
// Everything is bundled by esbuild, so the VSIX carries no node_modules (--no-dependencies); README links stay
// relative (the screenshots are in the VSIX; the repository URL is a placeholder); .vscodeignore is
// an allow-list. Prints the VSIX path, its size and its file count.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensure-toolchain.mjs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`[package] ${[cmd, ...args].join(' ')} failed (exit ${r.status})\n`);
    process.exit(1);
  }
}

const started = Date.now();
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = join(ROOT, `${name}-${version}.vsix`);
run(process.execPath, ['esbuild.mjs', '--production']);
run(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out]);
const size = statSync(out).size;
console.log(`[package] ${out}: ${(size / 1024).toFixed(0)} KiB (${size} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
