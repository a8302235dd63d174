// Finds a command on PATH the way a client would, with a small time-bounded cache so that typing in a
// config does not hit the file system on every keystroke.
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';

export interface LookupOptions {
  pathValue: string;
  platform: NodeJS.Platform;
  pathExt?: string;
}

const TTL_MS = 30_000;
const cache = new Map<string, { at: number; result: Promise<string | undefined> }>();

async function isExecutable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return false;
    if (platform === 'win32') return true;
    await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function lookup(command: string, o: LookupOptions): Promise<string | undefined> {
  const exts = o.platform === 'win32' ? ['', ...(o.pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  if (/[\\/]/.test(command)) {
    for (const e of exts) if (await isExecutable(command + e, o.platform)) return command + e;
    return undefined;
  }
  const sep = o.platform === 'win32' ? ';' : ':';
  for (const dir of o.pathValue.split(sep).filter(Boolean)) {
    for (const e of exts) {
      const candidate = path.join(dir, command + e);
      if (await isExecutable(candidate, o.platform)) return candidate;
    }
  }
  return undefined;
}

/** The executable a bare name or absolute path resolves to, or undefined. Cached for 30 s per PATH. */
export function findOnPath(command: string, o: LookupOptions): Promise<string | undefined> {
  const key = `${o.platform}\0${o.pathValue}\0${command}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.result;
  const result = lookup(command, o);
  cache.set(key, { at: Date.now(), result });
  if (cache.size > 500) cache.delete(cache.keys().next().value as string);
  return result;
}

const NODE_TOOLS = new Set(['node', 'npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bun', 'bunx', 'corepack']);

/** Why a command may be missing for a client even though it works in a terminal. */
export function commandHint(command: string, o: LookupOptions & { home?: string }): string | undefined {
  const base = path.basename(command).replace(/\.(exe|cmd)$/i, '');
  if (o.platform === 'win32' && (base === 'npx' || base === 'npm') && !/[\\/]/.test(command)) {
    return 'On Windows npx is a .cmd script that some clients cannot start directly: use "command": "cmd" with "args": ["/c", "npx", …].';
  }
  if (NODE_TOOLS.has(base)) {
    const managed = ['.nvm', 'fnm', '.volta', 'nodenv', 'asdf'].find((m) => o.pathValue.includes(m));
    return managed
      ? `Node looks version-managed here (${managed}); apps started from the desktop do not load your shell profile, so give the absolute path of ${base} (run "which ${base}" in a terminal).`
      : `If Node is installed with nvm, fnm or volta, apps started from the desktop do not see it: give the absolute path of ${base} (run "which ${base}" in a terminal).`;
  }
  return undefined;
}
