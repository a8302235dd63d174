// Starts and stops code-server (VS Code in the browser with a real extension host) for tests and the demo.
// Follows ../shared/E2E-NOTES.md: fresh user-data and extensions dirs per run, loopback port, detached process
// group killed at the end, the smoke-test driver enabled so the `payload` query parameter's test keys work.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, node24Bin } from '../ensure-toolchain.mjs';

/** Settings that keep an offline workbench quiet and fast. */
export const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'files.watcherExclude': { '**/node_modules/**': true },
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh temp dir for one run (user data, extensions, fake home...). */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `mcpwb-${prefix}-`));
}

function writeSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

function baseArgs(userDataDir, extensionsDir) {
  return ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check'];
}

/** Installs a packaged VSIX into an extensions dir with code-server's own CLI (what a user would do). */
export function installVsix(vsix, { userDataDir, extensionsDir }) {
  const r = spawnSync(node24Bin(), [codeServerEntry(), ...baseArgs(userDataDir, extensionsDir), '--install-extension', vsix, '--force'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
  return r.stdout.trim();
}

/**
 * Starts code-server and waits for /healthz. Options: port (default: free), userDataDir/extensionsDir
 * (default: fresh temp dirs), settings (merged over QUIET_SETTINGS), vsix (installed first), workspaceTrust (keep
 * workspace trust on: folders open in Restricted Mode), folder (opened when
 * the root URL is visited), env (extra environment), onOutput(line) (server log lines; default: kept for errors),
 * handleSignals (default true: SIGINT/SIGTERM/SIGHUP kill code-server, then the signal proceeds), portOrigins
 * (default true: asExternalUri gives a loopback port the origin <port>.localhost:<port>, not /proxy/<port>/).
 * Returns { port, url, userDataDir, extensionsDir, pid, workbenchUrl(folder, payload?), stop() }.
 */
export async function startCodeServer(opts = {}) {
  const port = opts.port ?? (await freePort());
  const userDataDir = opts.userDataDir ?? tempDir('ud');
  const extensionsDir = opts.extensionsDir ?? tempDir('ext');
  // With workspaceTrust, folders open in Restricted Mode without a prompt (to test what untrusted users see).
  const trust = opts.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {};
  writeSettings(userDataDir, { ...trust, ...opts.settings });
  if (opts.vsix) installVsix(opts.vsix, { userDataDir, extensionsDir });

  const args = [
    codeServerEntry(), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...baseArgs(userDataDir, extensionsDir),
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']), '--ignore-last-opened', '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver',
    // Forwarded ports get origins of their own (<port>.localhost:<port of code-server>; Chromium resolves
    // *.localhost to loopback) instead of the /proxy/<port>/ path on the workbench's origin, as in Codespaces.
    // The MCP Apps sandbox needs that: its page must not share the workbench's origin.
    ...(opts.portOrigins === false ? [] : ['--proxy-domain', `localhost:${port}`]),
  ];
  if (opts.folder) args.push(opts.folder);
  const child = spawn(node24Bin(), args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  const tail = [];
  const onLine = (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    opts.onOutput?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop();
      lines.forEach(onLine);
    });
  }
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => { exited = true; resolve({ code, signal }); }));
  // If this process dies first (Ctrl-C, a crash), take the whole code-server group with it.
  const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  // A signal that ends this process must end code-server too ('exit' does not fire on a signal's default action).
  // The handler is registered once and re-raises the signal, so the default action still happens when nobody
  // else (such as npm start's own Ctrl-C handler, which passes handleSignals: false) is listening.
  const signals = opts.handleSignals === false ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (sig) => {
    killGroup('SIGKILL');
    for (const s of signals) process.removeListener(s, onSignal);
    process.kill(process.pid, sig);
  };
  for (const s of signals) process.once(s, onSignal);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`code-server exited before it answered /healthz:\n${tail.join('\n')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      killGroup('SIGKILL');
      throw new Error(`code-server did not answer ${url}/healthz within ${(opts.startTimeoutMs ?? 60_000) / 1000} s:\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    port,
    url,
    pid: child.pid,
    userDataDir,
    extensionsDir,
    /** Resolves with { code, signal } when the code-server process exits. */
    exited: exitedPromise,
    /** Recent server log lines, for error messages. */
    logTail: () => tail.join('\n'),
    /** The URL that opens `folder`; `payload` is a list of [key, value] pairs for the smoke-test driver. */
    workbenchUrl(folder, payload) {
      let u = `${url}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    /** A vscode-remote:// URI for a path on this machine, as the payload keys need. */
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
    /** Stops the process group (SIGTERM, then SIGKILL after 5 s) and removes temp dirs we created. */
    async stop() {
      process.removeListener('exit', onExit);
      for (const s of signals) process.removeListener(s, onSignal);
      if (!exited) {
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
        await exitedPromise;
        clearTimeout(timer);
        killGroup('SIGKILL'); // extension hosts and helpers left in the group
      }
      if (!opts.keepDirs) {
        if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
        if (!opts.extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
      }
    },
  };
}
