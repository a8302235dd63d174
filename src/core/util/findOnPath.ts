// Finds an executable the way spawn would (PATH lookup), so a "command not found" error can say where it looked.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export interface PathLookup {
  /** The file that would run, if any. */
  found?: string;
  /** A file exists there but is not executable. */
  notExecutable?: string;
  /** The directories searched (PATH), empty for a path with a slash. */
  searched: string[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(command: string, pathVar: string | undefined, cwd: string = process.cwd()): PathLookup {
  const exts = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  if (command.includes('/') || (process.platform === 'win32' && command.includes('\\'))) {
    const p = isAbsolute(command) ? command : resolve(cwd, command);
    if (!isFile(p)) return { searched: [] };
    return isExecutable(p) ? { found: p, searched: [] } : { notExecutable: p, searched: [] };
  }
  const dirs = (pathVar ?? '').split(delimiter).filter(Boolean);
  let notExecutable: string | undefined;
  for (const dir of dirs) {
    for (const ext of exts) {
      const p = join(dir, command + ext);
      if (!isFile(p)) continue;
      if (isExecutable(p)) return { found: p, searched: dirs };
      notExecutable ??= p;
    }
  }
  return { notExecutable, searched: dirs };
}

/** Commands usually installed by a Node version manager, whose bin directory only an interactive shell has on PATH. */
export const NODE_COMMANDS = new Set(['node', 'npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'tsx', 'ts-node', 'bun', 'bunx', 'deno', 'corepack']);
