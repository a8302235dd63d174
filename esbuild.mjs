// One build for every bundle: extension host, language server, CLI (node) and the webview (browser).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, mkdirSync, copyFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};
const nodeCommon = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'] };

/** Every test file is its own entry so mocha can load them individually inside the extension host. */
function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...nodeCommon, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    // appSandbox: the MCP Apps sandbox page's script (served by the extension, see appSandboxServer.ts).
    entryPoints: { webview: 'src/webview/main.tsx', appSandbox: 'src/webview/appSandbox/sandboxProxy.ts' },
    // React 17+ JSX runtime (tsconfig.webview.json says react-jsx; esbuild reads only tsconfig.json).
    jsx: 'automatic',
    outdir: 'dist',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
];

// The integration suite runs inside the extension host; it is not shipped in the VSIX (.vscodeignore).
const integrationFiles = testEntries('test/integration');
if (integrationFiles.length && !production) {
  // Start from an empty dist/test so a deleted or renamed test never runs from a stale bundle.
  rmSync('dist/test', { recursive: true, force: true });
  builds.push({ ...nodeCommon, entryPoints: integrationFiles, outdir: 'dist/test', outbase: 'test/integration', external: ['vscode', 'mocha'] });
}

function copyCodicons() {
  const src = 'node_modules/@vscode/codicons/dist';
  mkdirSync('dist/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) {
    const from = join(src, f);
    const to = join('dist/codicons', f);
    if (!existsSync(to) || statSync(from).mtimeMs > statSync(to).mtimeMs) copyFileSync(from, to);
  }
}

copyCodicons();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`[esbuild] ${builds.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
