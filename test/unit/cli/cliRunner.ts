// Runs the built CLI (dist/cli.js) as a child process, as a user would; builds it first when run on its own.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../client/helpers';

export const CLI = join(ROOT, 'dist', 'cli.js');

export interface Run {
  code: number | null;
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  timeoutMs?: number;
  env?: Record<string, string>;
  cwd?: string;
  /** Called once the CLI process is running (e.g. to signal it). */
  started?: (child: ChildProcess) => void;
}

export function cli(args: string[], options: CliOptions = {}): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Decode as one stream: a chunk boundary inside a multi-byte character must not become U+FFFD here.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (stdout += d));
    child.stderr.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20000);
    options.started?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The test-all harness builds first; a standalone mocha run builds here so the CLI under test is current. */
export function buildCliIfNeeded(): void {
  if (existsSync(CLI) && process.env.MCPWB_CLI_REBUILD === '0') return;
  const r = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], banner: { js: '#!/usr/bin/env node' }, sourcemap: 'linked', logLevel: 'error' })`], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}
