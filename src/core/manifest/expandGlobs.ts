// Expands file globs for `validate` (Node 20 has no fs.glob): walk the pattern's static base folder and
// match relative paths with picomatch. node_modules and .git are never entered.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}

const SKIP = new Set(['node_modules', '.git']);
const MAX_FILES = 100_000;

/** Absolute paths of the files matching a glob, sorted. */
export async function expandGlob(pattern: string, cwd = process.cwd()): Promise<string[]> {
  const abs = path.resolve(cwd, pattern).replace(/\\/g, '/');
  const { base, glob } = picomatch.scan(abs);
  const root = base || '/';
  const match = picomatch(glob, { dot: true });
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) await walk(full);
      } else if (e.isFile() && match(path.relative(root, full).replace(/\\/g, '/'))) out.push(full);
    }
  }
  await walk(root);
  return out.sort();
}
