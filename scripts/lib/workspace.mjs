// Per-run copies of the demo workspace, so tests can edit files without touching demo/.
// Copies live under test-output/ inside the repo so the demo server resolves the SDK from the repo's node_modules.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../ensure-toolchain.mjs';

export const DEMO_DIR = join(ROOT, 'demo');
export const WORKSPACES_DIR = join(ROOT, 'test-output', 'workspaces');

/** Copies demo/ (without recorded traces or node_modules) to a fresh folder and returns its absolute path. */
export function copyDemoWorkspace(name = 'demo') {
  mkdirSync(WORKSPACES_DIR, { recursive: true });
  const dest = mkdtempSync(join(WORKSPACES_DIR, `${name}-`));
  cpSync(DEMO_DIR, dest, {
    recursive: true,
    filter: (src) => {
      const rel = relative(DEMO_DIR, src).split(sep).join('/');
      return !rel.startsWith('node_modules') && !rel.startsWith('.mcp/traces');
    },
  });
  return dest;
}
